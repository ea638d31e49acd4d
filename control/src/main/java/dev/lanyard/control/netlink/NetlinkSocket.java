package dev.lanyard.control.netlink;

import dev.lanyard.dataplane.linux.Errno;
import dev.lanyard.dataplane.linux.LinuxException;
import dev.lanyard.dataplane.linux.Socket;
import dev.lanyard.dataplane.linux.Unistd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A NETLINK_ROUTE socket with extended ACKs, sequence-numbered requests and multi-part dump reading. The socket
 * belongs to the network namespace of the thread that opened it, whichever thread uses it afterwards. Not
 * thread-safe: one exchange at a time.
 */
final class NetlinkSocket implements AutoCloseable {
    /** The kernel fills dump datagrams up to 32 KiB; a larger single message grows the buffer. */
    private static final int INITIAL_RECEIVE_BUFFER = 32 * 1024;

    private final int fd;
    private ByteBuffer rx = ByteBuffer.allocateDirect(INITIAL_RECEIVE_BUFFER).order(ByteOrder.nativeOrder());
    private int seq = (int) (System.nanoTime() & 0x3fffffff) + 1;
    private String broken;
    private boolean closed;

    private NetlinkSocket(int fd) {
        this.fd = fd;
    }

    /** Opens a NETLINK_ROUTE socket in the calling thread's network namespace. */
    static NetlinkSocket open() throws LinuxException {
        int fd = Socket.socket(Socket.AF_NETLINK, Socket.SOCK_RAW | Socket.SOCK_CLOEXEC, Netlink.NETLINK_ROUTE);
        if (fd < 0) {
            throw Errno.exception("socket(AF_NETLINK, NETLINK_ROUTE)", null);
        }
        try {
            // Kernels without these options still work, with plainer errors and longer ACKs: go on without them.
            trySetInt(fd, Netlink.NETLINK_EXT_ACK, 1);
            trySetInt(fd, Netlink.NETLINK_CAP_ACK, 1);
            byte[] local = new byte[Netlink.SOCKADDR_NL_SIZE];
            local[0] = (byte) Socket.AF_NETLINK;
            if (Socket.bind(fd, local, local.length) != 0) {
                throw Errno.exception("bind(AF_NETLINK)", null);
            }
            return new NetlinkSocket(fd);
        } catch (LinuxException | RuntimeException e) {
            Unistd.close(fd);
            throw e;
        }
    }

    private static void trySetInt(int fd, int option, int value) {
        byte[] v = {(byte) value, 0, 0, 0};
        Socket.setsockopt(fd, Socket.SOL_NETLINK, option, v, v.length);
    }

    /** The descriptor, for poll. */
    int fd() {
        return fd;
    }

    /** Joins a multicast group (RTNLGRP_*), so notifications arrive with sequence number 0. */
    void subscribe(int group) throws LinuxException {
        Socket.setInt(fd, Socket.SOL_NETLINK, Netlink.NETLINK_ADD_MEMBERSHIP, group, "NETLINK_ADD_MEMBERSHIP",
                "group " + group);
    }

    /** Sets the receive buffer, past rmem_max when allowed, so bursts of notifications are not lost. */
    void receiveBuffer(int bytes) throws LinuxException {
        try {
            Socket.setInt(fd, Socket.SOL_SOCKET, Socket.SO_RCVBUFFORCE, bytes, "SO_RCVBUFFORCE", "netlink");
        } catch (LinuxException e) {
            Socket.setInt(fd, Socket.SOL_SOCKET, Socket.SO_RCVBUF, bytes, "SO_RCVBUF", "netlink");
        }
    }

    /** Sends a request with NLM_F_ACK and waits for the ACK; replies that come before it go to {@code replies}. */
    void request(MessageBuilder message, String operation, MessageHandler replies) throws IOException {
        exchange(message, operation, replies, false);
    }

    /** Sends a request with NLM_F_ACK and waits for the ACK. */
    void request(MessageBuilder message, String operation) throws IOException {
        exchange(message, operation, m -> { }, false);
    }

    /**
     * Sends a dump request and hands every part to {@code parts} until NLMSG_DONE. Returns false when the kernel
     * flagged the dump as interrupted by a concurrent change (NLM_F_DUMP_INTR), so the caller should dump again.
     */
    boolean dump(MessageBuilder message, String operation, MessageHandler parts) throws IOException {
        return exchange(message, operation, parts, true);
    }

    private boolean exchange(MessageBuilder message, String operation, MessageHandler handler, boolean dump)
            throws IOException {
        ensureUsable();
        int expected = nextSeq();
        send(message.finish(expected), operation);
        Reply reply = new Reply(expected, dump, operation, handler);
        try {
            while (!reply.feed(rx, receive(false))) {
                // Dumps span several datagrams; a plain request may see stale datagrams before its ACK.
            }
        } catch (NetlinkProtocolException e) {
            broken = e.getMessage();
            throw e;
        }
        return !reply.interrupted();
    }

    private int nextSeq() {
        seq++;
        if (seq == 0) {
            // Notifications carry sequence number 0; never expect it for an answer.
            seq = 1;
        }
        return seq;
    }

    private void send(ByteBuffer out, String operation) throws LinuxException {
        int length = out.remaining();
        while (true) {
            long sent = Socket.sendto(fd, out, length, 0, null, 0);
            if (sent == length) {
                return;
            }
            if (sent < 0 && Errno.last() == Errno.EINTR) {
                continue;
            }
            throw sent < 0 ? Errno.exception("sendto(AF_NETLINK)", operation)
                    : new LinuxException("sendto(AF_NETLINK)", operation + " (short send of " + sent + " bytes)",
                            Errno.EMSGSIZE);
        }
    }

    /**
     * Receives one datagram into the receive buffer, growing it when the datagram is larger. Returns its length,
     * or -1 when {@code dontWait} and nothing is queued. ENOBUFS (notifications were lost) is thrown.
     */
    int receive(boolean dontWait) throws LinuxException {
        int flags = dontWait ? Socket.MSG_DONTWAIT : 0;
        while (true) {
            long size = Socket.recv(fd, rx, 0, Socket.MSG_PEEK | Socket.MSG_TRUNC | flags);
            if (size < 0) {
                int errno = Errno.last();
                if (errno == Errno.EINTR) {
                    continue;
                }
                if (errno == Errno.EAGAIN && dontWait) {
                    return -1;
                }
                throw new LinuxException("recv(AF_NETLINK)", null, errno);
            }
            if (size > rx.capacity()) {
                rx = ByteBuffer.allocateDirect(Integer.highestOneBit((int) size) * 2).order(ByteOrder.nativeOrder());
            }
            long n = Socket.recv(fd, rx, rx.capacity(), flags);
            if (n < 0 && Errno.last() == Errno.EINTR) {
                continue;
            }
            if (n < 0) {
                throw Errno.exception("recv(AF_NETLINK)", null);
            }
            return (int) n;
        }
    }

    /** The buffer {@link #receive} filled, from offset 0. */
    ByteBuffer received() {
        return rx;
    }

    private void ensureUsable() throws IOException {
        if (closed) {
            throw new IOException("netlink socket is closed");
        }
        if (broken != null) {
            throw new IOException("netlink socket unusable after a malformed answer: " + broken);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Unistd.close(fd);
        }
    }
}
