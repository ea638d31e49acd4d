package dev.lanyard.dataplane.port.packet;

import dev.lanyard.dataplane.linux.Errno;
import dev.lanyard.dataplane.linux.Ioctl;
import dev.lanyard.dataplane.linux.LinuxException;
import dev.lanyard.dataplane.linux.NetIf;
import dev.lanyard.dataplane.linux.NetnsExec;
import dev.lanyard.dataplane.linux.Structs;
import dev.lanyard.dataplane.port.Port;
import dev.lanyard.dataplane.port.PortKind;
import dev.lanyard.dataplane.port.RxSource;
import dev.lanyard.dataplane.port.TxQueue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The switch-side end of a veth pair (or any Ethernet interface) opened as AF_PACKET sockets: one RX socket with an
 * RX ring, polled by the worker that owns the port, and for every worker its own TX ring socket and sendmsg socket,
 * so that no two threads ever write one ring. The sockets are made inside the interface's network namespace and
 * stay there.
 */
public final class VethPort extends Port {
    /** Ethernet header plus one VLAN tag: what the kernel lets through beyond the MTU. */
    private static final int L2_OVERHEAD = 18;
    private static final int IFF_UP = 0x1;
    private static final int IFF_RUNNING = 0x40;

    private final String netnsPath;
    private final PacketSocket rxSocket;
    private final RxRing rx;
    private final List<PacketSocket> txSockets;
    private final TxRing[] tx;
    private final int mtu;

    private VethPort(String name, String netnsPath, PacketSocket rxSocket, RxRing rx, List<PacketSocket> txSockets,
            TxRing[] tx, int mtu) {
        super(name, PortKind.VETH);
        this.netnsPath = netnsPath;
        this.rxSocket = rxSocket;
        this.rx = rx;
        this.txSockets = txSockets;
        this.tx = tx;
        this.mtu = mtu;
    }

    /**
     * Opens interface {@code ifname} in the namespace at {@code netnsPath} (null for the caller's own) for a switch
     * with {@code workers} workers. Everything opened is closed again if any step fails.
     */
    public static VethPort open(String ifname, String netnsPath, int workers, PacketPortConfig cfg)
            throws IOException {
        return NetnsExec.call(netnsPath, () -> {
            int ifindex = NetIf.indexOf(ifname);
            return prepareHere(netnsPath, workers, cfg, ifname).bindHere(ifname, ifindex);
        });
    }

    /**
     * Makes a port's sockets and rings ahead of its interface, in the namespace at {@code netnsPath} (null for the
     * caller's own): the slow part of opening a port (a kernel grace period per ring), done while the interface is
     * still being created. {@code label} names the port in errors until it is bound.
     */
    public static Prepared prepare(String netnsPath, int workers, PacketPortConfig cfg, String label)
            throws IOException {
        return NetnsExec.call(netnsPath, () -> prepareHere(netnsPath, workers, cfg, label));
    }

    private static Prepared prepareHere(String netnsPath, int workers, PacketPortConfig cfg, String label)
            throws LinuxException {
        List<PacketSocket.Unbound> made = new ArrayList<>();
        try {
            made.add(PacketSocket.prepare(PacketSocket.Kind.RX, cfg, label));
            for (int w = 0; w < workers; w++) {
                made.add(PacketSocket.prepare(PacketSocket.Kind.TX_RING, cfg, label));
                made.add(PacketSocket.prepare(PacketSocket.Kind.TX_PLAIN, cfg, label));
            }
            return new Prepared(netnsPath, workers, cfg, made);
        } catch (LinuxException | RuntimeException e) {
            made.forEach(PacketSocket.Unbound::close);
            throw e;
        }
    }

    /** A port's sockets made ahead of its interface: {@link #bind} them to it once it exists, or close them. */
    public static final class Prepared implements AutoCloseable {
        private final String netnsPath;
        private final int workers;
        private final PacketPortConfig cfg;
        /** RX first, then TX ring and sendmsg socket per worker. */
        private final List<PacketSocket.Unbound> sockets;

        private Prepared(String netnsPath, int workers, PacketPortConfig cfg, List<PacketSocket.Unbound> sockets) {
            this.netnsPath = netnsPath;
            this.workers = workers;
            this.cfg = cfg;
            this.sockets = sockets;
        }

        /** Binds the sockets to interface {@code ifname} and makes the port; on failure they are all closed. */
        public VethPort bind(String ifname) throws IOException {
            return NetnsExec.call(netnsPath, () -> bindHere(ifname, NetIf.indexOf(ifname)));
        }

        private VethPort bindHere(String ifname, int ifindex) throws LinuxException {
            List<PacketSocket> bound = new ArrayList<>();
            try {
                PacketSocket rxSocket = sockets.get(0).bind(ifname, ifindex);
                bound.add(rxSocket);
                int mtu = readMtu(rxSocket.fd, ifname);
                TxRing[] tx = new TxRing[workers];
                List<PacketSocket> txSockets = new ArrayList<>();
                for (int w = 0; w < workers; w++) {
                    PacketSocket ring = sockets.get(1 + 2 * w).bind(ifname, ifindex);
                    bound.add(ring);
                    PacketSocket plain = sockets.get(2 + 2 * w).bind(ifname, ifindex);
                    bound.add(plain);
                    txSockets.add(ring);
                    txSockets.add(plain);
                    tx[w] = new TxRing(ring, plain, cfg, mtu + L2_OVERHEAD);
                }
                return new VethPort(ifname, netnsPath, rxSocket, new RxRing(rxSocket, cfg), txSockets, tx, mtu);
            } catch (LinuxException | RuntimeException e) {
                bound.forEach(PacketSocket::close);
                close();
                throw e;
            }
        }

        /** Closes what has not been bound. */
        @Override
        public void close() {
            sockets.forEach(PacketSocket.Unbound::close);
        }
    }

    private static int readMtu(int fd, String ifname) throws LinuxException {
        byte[] ifr = Ioctl.ifreq(ifname);
        if (Ioctl.ioctl(fd, Ioctl.SIOCGIFMTU, ifr) != 0) {
            throw Errno.exception("ioctl(SIOCGIFMTU)", ifname);
        }
        return Structs.readInt(ifr, 16);
    }

    /** The interface's MTU when the port was opened. */
    public int mtu() {
        return mtu;
    }

    /** Carrier as the kernel sees it now: the interface exists, is up and running (its peer is up). */
    @Override
    public boolean linkUp() {
        byte[] ifr = Ioctl.ifreq(name());
        if (Ioctl.ioctl(rxSocket.fd, Ioctl.SIOCGIFFLAGS, ifr) != 0) {
            return false;
        }
        int flags = Structs.readShort(ifr, 16);
        return (flags & IFF_UP) != 0 && (flags & IFF_RUNNING) != 0;
    }

    /** Reads and clears the error the RX socket reported (ENETDOWN when the interface went away). */
    public int takeRxError() {
        return rx.takeError();
    }

    @Override
    public RxSource rx() {
        return rx;
    }

    @Override
    public TxQueue txQueue(int worker) {
        return tx[worker];
    }

    @Override
    public int maxFrameLength() {
        return mtu + L2_OVERHEAD;
    }

    @Override
    public String location() {
        return "ifindex " + rxSocket.ifindex
                + (netnsPath == null ? "" : ", netns " + netnsPath.substring(netnsPath.lastIndexOf('/') + 1));
    }

    @Override
    public void close() {
        rxSocket.close();
        for (PacketSocket s : txSockets) {
            s.close();
        }
    }
}
