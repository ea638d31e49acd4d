package dev.lanyard.dataplane.linux;

import com.sun.jna.Native;

import java.nio.ByteBuffer;

/** sys/socket.h: sockets for AF_PACKET ports and NETLINK_ROUTE. Socket addresses are passed as byte arrays. */
public final class Socket {
    static {
        Native.register(Socket.class, Libc.NAME);
    }

    /** Netlink: kernel user interface device. */
    public static final int AF_NETLINK = 16;
    /** Packet family: raw frames. */
    public static final int AF_PACKET = 17;
    /** IPv4. */
    public static final int AF_INET = 2;
    /** IPv6. */
    public static final int AF_INET6 = 10;
    /** Unix domain sockets. */
    public static final int AF_UNIX = 1;

    /** Datagram socket. */
    public static final int SOCK_DGRAM = 2;
    /** Raw socket. */
    public static final int SOCK_RAW = 3;
    /** Atomically set O_NONBLOCK. */
    public static final int SOCK_NONBLOCK = 04000;
    /** Atomically set close-on-exec. */
    public static final int SOCK_CLOEXEC = 02000000;

    /** Socket-level options. */
    public static final int SOL_SOCKET = 1;
    /** AF_PACKET options (linux/socket.h). */
    public static final int SOL_PACKET = 263;
    /** Netlink options. */
    public static final int SOL_NETLINK = 270;

    /** Pending socket error, read and cleared by getsockopt. */
    public static final int SO_ERROR = 4;
    /** Send buffer size. */
    public static final int SO_SNDBUF = 7;
    /** Receive buffer size. */
    public static final int SO_RCVBUF = 8;
    /** Send buffer size, ignoring rmem_max (CAP_NET_ADMIN). */
    public static final int SO_SNDBUFFORCE = 32;
    /** Receive buffer size, ignoring rmem_max (CAP_NET_ADMIN). */
    public static final int SO_RCVBUFFORCE = 33;
    /** Busy-poll for this many microseconds on blocking receive. */
    public static final int SO_BUSY_POLL = 46;

    /** Non-blocking operation. */
    public static final int MSG_DONTWAIT = 0x40;
    /** Return the real length even when truncated. */
    public static final int MSG_TRUNC = 0x20;
    /** Peek without removing. */
    public static final int MSG_PEEK = 0x02;

    private Socket() {
    }

    /** int socket(int domain, int type, int protocol); */
    public static native int socket(int domain, int type, int protocol);

    /** int bind(int sockfd, const struct sockaddr *addr, socklen_t addrlen); */
    public static native int bind(int fd, byte[] addr, int addrlen);

    /** int setsockopt(int sockfd, int level, int optname, const void *optval, socklen_t optlen); */
    public static native int setsockopt(int fd, int level, int optname, byte[] optval, int optlen);

    /** int getsockopt(int sockfd, int level, int optname, void *optval, socklen_t *optlen); */
    public static native int getsockopt(int fd, int level, int optname, byte[] optval, int[] optlen);

    /** ssize_t sendto(int sockfd, const void *buf, size_t len, int flags, const struct sockaddr *dest, socklen_t n); */
    public static native long sendto(int fd, ByteBuffer buf, long len, int flags, byte[] destAddr, int addrlen);

    /** sendto with raw addresses (0 is NULL): the TX ring kick is sendto(fd, NULL, 0, MSG_DONTWAIT, NULL, 0). */
    public static native long sendto(int fd, long buf, long len, int flags, long destAddr, int addrlen);

    /** ssize_t recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *src, socklen_t *addrlen); */
    public static native long recvfrom(int fd, ByteBuffer buf, long len, int flags, byte[] srcAddr, int[] addrlen);

    /** ssize_t recv(int sockfd, void *buf, size_t len, int flags); */
    public static native long recv(int fd, ByteBuffer buf, long len, int flags);

    /** ssize_t sendmsg(int sockfd, const struct msghdr *msg, int flags), with the msghdr as a raw address. */
    public static native long sendmsg(int fd, long msghdr, int flags);

    /** setsockopt with one int value; throws a LinuxException naming the option and object. */
    public static void setInt(int fd, int level, int optname, int value, String optionName, String object)
            throws LinuxException {
        byte[] v = Structs.intBytes(value);
        if (setsockopt(fd, level, optname, v, v.length) != 0) {
            throw Errno.exception("setsockopt(" + optionName + ")", object);
        }
    }

    /** getsockopt of one int value. */
    public static int getInt(int fd, int level, int optname, String optionName, String object) throws LinuxException {
        byte[] v = new byte[4];
        int[] len = {4};
        if (getsockopt(fd, level, optname, v, len) != 0) {
            throw Errno.exception("getsockopt(" + optionName + ")", object);
        }
        return Structs.readInt(v, 0);
    }
}
