package dev.lanyard.dataplane.port.packet;

import dev.lanyard.dataplane.linux.Errno;
import dev.lanyard.dataplane.linux.IfPacket;
import dev.lanyard.dataplane.linux.LinuxException;
import dev.lanyard.dataplane.linux.NetIf;
import dev.lanyard.dataplane.linux.Socket;
import dev.lanyard.dataplane.linux.Structs;
import dev.lanyard.dataplane.linux.Unistd;

/**
 * One AF_PACKET socket bound to an interface, made by one creation sequence with a single cleanup path that closes
 * the descriptor (and unmaps the ring) on any failure, as VPP's create_packet_sock does. The order follows the
 * facts in DESIGN.md: protocol 0 at socket() so nothing queues before bind; PACKET_VNET_HDR and PACKET_LOSS
 * before any ring; PACKET_VERSION; the ring; mmap; PACKET_QDISC_BYPASS; PACKET_IGNORE_OUTGOING; bind with
 * ETH_P_ALL (RX) or 0 (TX, which then receives nothing); promiscuous membership last. Everything up to the bind
 * can be done ahead ({@link #prepare}), before the interface exists.
 */
final class PacketSocket implements AutoCloseable {
    /** What the socket is for. */
    enum Kind {
        /** Receives everything on the interface into an RX ring. */
        RX,
        /** Transmits through a TX ring. */
        TX_RING,
        /** Transmits with sendmsg: frames too big for a TX ring slot. */
        TX_PLAIN
    }

    final int fd;
    final String ifname;
    final int ifindex;
    final RingMemory ring;
    /** True when the kernel lacks PACKET_IGNORE_OUTGOING and outgoing frames must be filtered by sll_pkttype. */
    final boolean filterOutgoing;

    private PacketSocket(int fd, String ifname, int ifindex, RingMemory ring, boolean filterOutgoing) {
        this.fd = fd;
        this.ifname = ifname;
        this.ifindex = ifindex;
        this.ring = ring;
        this.filterOutgoing = filterOutgoing;
    }

    /** Opens a socket of a kind on {@code ifname} in the calling thread's network namespace. */
    static PacketSocket open(String ifname, Kind kind, PacketPortConfig cfg) throws LinuxException {
        int ifindex = NetIf.indexOf(ifname);
        return prepare(kind, cfg, ifname).bind(ifname, ifindex);
    }

    /**
     * Makes a socket of a kind with its ring, bound to no interface yet, in the calling thread's network namespace.
     * Setting up a ring waits for an RCU grace period in the kernel (packet_set_ring calls synchronize_net), which
     * is most of what opening a port costs; made ahead, while the interface is still being created, a port opens
     * in microseconds. {@code label} names the socket in errors.
     */
    static Unbound prepare(Kind kind, PacketPortConfig cfg, String label) throws LinuxException {
        int fd = Socket.socket(Socket.AF_PACKET, Socket.SOCK_RAW | Socket.SOCK_NONBLOCK | Socket.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw Errno.exception("socket(AF_PACKET)", label);
        }
        RingMemory ring = null;
        try {
            if (cfg.vnetHeader()) {
                Socket.setInt(fd, Socket.SOL_PACKET, IfPacket.PACKET_VNET_HDR, 1, "PACKET_VNET_HDR", label);
            }
            if (kind == Kind.TX_RING) {
                // Before the ring (EBUSY after): a malformed frame is freed instead of stopping the ring.
                Socket.setInt(fd, Socket.SOL_PACKET, IfPacket.PACKET_LOSS, 1, "PACKET_LOSS", label);
            }
            if (kind != Kind.TX_PLAIN) {
                Socket.setInt(fd, Socket.SOL_PACKET, IfPacket.PACKET_VERSION, IfPacket.TPACKET_V2, "PACKET_VERSION",
                        label);
                ring = setUpRing(fd, kind, cfg, label);
            }
            if (kind != Kind.RX) {
                Socket.setInt(fd, Socket.SOL_SOCKET, Socket.SO_SNDBUFFORCE, cfg.sndBufBytes(), "SO_SNDBUFFORCE",
                        label);
            }
            if (kind != Kind.RX && cfg.qdiscBypass()) {
                Socket.setInt(fd, Socket.SOL_PACKET, IfPacket.PACKET_QDISC_BYPASS, 1, "PACKET_QDISC_BYPASS", label);
            }
            boolean filterOutgoing = false;
            if (kind == Kind.RX) {
                filterOutgoing = !ignoreOutgoing(fd, label);
            }
            return new Unbound(fd, kind, ring, filterOutgoing);
        } catch (LinuxException | RuntimeException e) {
            if (ring != null) {
                ring.close();
            }
            Unistd.close(fd);
            throw e;
        }
    }

    /** A socket with its ring, not bound to an interface yet: {@link #bind} it, or close it. */
    static final class Unbound implements AutoCloseable {
        private final int fd;
        private final Kind kind;
        private final RingMemory ring;
        private final boolean filterOutgoing;
        private boolean taken;

        private Unbound(int fd, Kind kind, RingMemory ring, boolean filterOutgoing) {
            this.fd = fd;
            this.kind = kind;
            this.ring = ring;
            this.filterOutgoing = filterOutgoing;
        }

        /**
         * Binds to the interface (ETH_P_ALL for RX; 0 for TX, which then receives nothing) and, for RX, joins its
         * promiscuous membership; in the calling thread's namespace, which must be the one the socket was made in.
         * The socket then belongs to the result; on failure it is closed.
         */
        PacketSocket bind(String ifname, int ifindex) throws LinuxException {
            if (taken) {
                throw new IllegalStateException("socket for " + ifname + " already bound or closed");
            }
            taken = true;
            try {
                int protocol = kind == Kind.RX ? IfPacket.ETH_P_ALL : 0;
                byte[] sll = IfPacket.sockaddrLl(protocol, ifindex);
                if (Socket.bind(fd, sll, sll.length) != 0) {
                    throw Errno.exception("bind(AF_PACKET)", ifname);
                }
                if (kind == Kind.RX) {
                    byte[] mreq = IfPacket.promiscRequest(ifindex);
                    if (Socket.setsockopt(fd, Socket.SOL_PACKET, IfPacket.PACKET_ADD_MEMBERSHIP, mreq, mreq.length)
                            != 0) {
                        throw Errno.exception("setsockopt(PACKET_ADD_MEMBERSHIP promisc)", ifname);
                    }
                }
                return new PacketSocket(fd, ifname, ifindex, ring, filterOutgoing);
            } catch (LinuxException | RuntimeException e) {
                closeNow();
                throw e;
            }
        }

        @Override
        public void close() {
            if (!taken) {
                taken = true;
                closeNow();
            }
        }

        private void closeNow() {
            if (ring != null) {
                ring.close();
            }
            Unistd.close(fd);
        }
    }

    private static RingMemory setUpRing(int fd, Kind kind, PacketPortConfig cfg, String ifname)
            throws LinuxException {
        byte[] req;
        int size;
        int option;
        if (kind == Kind.RX) {
            int perBlock = PacketPortConfig.RX_BLOCK_SIZE / cfg.rxFrameSize();
            req = IfPacket.tpacketReq(PacketPortConfig.RX_BLOCK_SIZE, cfg.rxBlocks(), cfg.rxFrameSize(),
                    perBlock * cfg.rxBlocks());
            size = PacketPortConfig.RX_BLOCK_SIZE * cfg.rxBlocks();
            option = IfPacket.PACKET_RX_RING;
        } else {
            int blockSize = 64 * 1024;
            int perBlock = blockSize / PacketPortConfig.TX_FRAME_SIZE;
            int blocks = (cfg.txFrames() + perBlock - 1) / perBlock;
            req = IfPacket.tpacketReq(blockSize, blocks, PacketPortConfig.TX_FRAME_SIZE, blocks * perBlock);
            size = blockSize * blocks;
            option = IfPacket.PACKET_TX_RING;
        }
        if (Socket.setsockopt(fd, Socket.SOL_PACKET, option, req, req.length) != 0) {
            throw Errno.exception("setsockopt(" + (kind == Kind.RX ? "PACKET_RX_RING" : "PACKET_TX_RING") + ", "
                    + size + " bytes)", ifname);
        }
        return RingMemory.map(fd, size, ifname);
    }

    /** PACKET_IGNORE_OUTGOING (Linux 4.20); false when the kernel does not know it. */
    private static boolean ignoreOutgoing(int fd, String ifname) throws LinuxException {
        byte[] one = Structs.intBytes(1);
        if (Socket.setsockopt(fd, Socket.SOL_PACKET, IfPacket.PACKET_IGNORE_OUTGOING, one, 4) == 0) {
            return true;
        }
        if (Errno.last() == Errno.ENOPROTOOPT) {
            return false;
        }
        throw Errno.exception("setsockopt(PACKET_IGNORE_OUTGOING)", ifname);
    }

    /** Reads and clears the socket's pending error (0 if none). */
    int takeError() {
        try {
            return Socket.getInt(fd, Socket.SOL_SOCKET, Socket.SO_ERROR, "SO_ERROR", ifname);
        } catch (LinuxException e) {
            return e.errno();
        }
    }

    /** Reads and resets PACKET_STATISTICS: returns tp_drops (frames the kernel dropped since the last read). */
    long takeDrops() {
        byte[] stats = new byte[8];
        int[] len = {8};
        if (Socket.getsockopt(fd, Socket.SOL_PACKET, IfPacket.PACKET_STATISTICS, stats, len) != 0) {
            return 0;
        }
        return Structs.readInt(stats, 4) & 0xFFFF_FFFFL;
    }

    @Override
    public void close() {
        if (ring != null) {
            ring.close();
        }
        Unistd.close(fd);
    }
}
