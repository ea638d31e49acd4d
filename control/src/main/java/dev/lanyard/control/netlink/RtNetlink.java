package dev.lanyard.control.netlink;

import dev.lanyard.dataplane.linux.Errno;
import dev.lanyard.dataplane.linux.Fcntl;
import dev.lanyard.dataplane.linux.LinuxException;
import dev.lanyard.dataplane.linux.NetnsExec;
import dev.lanyard.dataplane.linux.Socket;
import dev.lanyard.dataplane.linux.Unistd;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Links, addresses and routes of one network namespace over rtnetlink (NETLINK_ROUTE), with the kernel's own error
 * text in every {@link NetlinkException}. The socket is bound to a namespace when it is opened ({@link #open()}
 * for the caller's, {@link #open(String)} for a named one) and stays there whichever thread uses it.
 *
 * <p>Not thread-safe: one request at a time, from one thread at a time. Each call is one request and its
 * answer, or a few of them (rename, address by name). An open socket keeps its namespace alive: close it before
 * expecting a deleted namespace to go away.
 */
public final class RtNetlink implements AutoCloseable {
    private static final int BUILDER_CAPACITY = 4096;
    private static final int DUMP_ATTEMPTS = 5;

    private final NetlinkSocket socket;
    /** Where the socket lives: /run/netns/NAME, or null for the namespace of the thread that opened it. */
    private final String netnsPath;
    private final MessageBuilder b = new MessageBuilder(BUILDER_CAPACITY);

    RtNetlink(NetlinkSocket socket, String netnsPath) {
        this.socket = socket;
        this.netnsPath = netnsPath;
    }

    /** Opens a socket in the calling thread's network namespace. */
    public static RtNetlink open() throws IOException {
        return new RtNetlink(NetlinkSocket.open(), null);
    }

    /** Opens a socket in the named namespace (/run/netns/NAME), from a short-lived thread that enters it. */
    public static RtNetlink open(String netnsName) throws IOException {
        String path = namespacePath(netnsName);
        return new RtNetlink(NetnsExec.call(path, NetlinkSocket::open), path);
    }

    /** Every link of the namespace. */
    public List<LinkInfo> links() throws IOException {
        return dump(LinkMessages::dump, "RTM_GETLINK dump", LinkMessages::decode);
    }

    /** The link with this name, if there is one. */
    public Optional<LinkInfo> link(String name) throws IOException {
        InterfaceNames.check(name);
        return getLink(LinkMessages.get(b, name), "RTM_GETLINK " + name);
    }

    /** The link with this index, if there is one. */
    public Optional<LinkInfo> link(int index) throws IOException {
        return getLink(LinkMessages.get(b, index), "RTM_GETLINK index " + index);
    }

    private Optional<LinkInfo> getLink(MessageBuilder request, String operation) throws IOException {
        List<LinkInfo> found = new ArrayList<>(1);
        try {
            socket.request(request, operation, m -> found.add(LinkMessages.decode(m)));
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENODEV) {
                return Optional.empty();
            }
            throw e;
        }
        return found.stream().findFirst();
    }

    /**
     * Creates both ends of a veth pair in one RTM_NEWLINK, each directly in its namespace. The ends are down.
     * When only the first end goes to another namespace, it is sent as the peer: kernels before 6.14 look the
     * first end's name up in the socket's namespace and would refuse "eth0" because the host has one.
     */
    public void createVeth(VethSpec spec) throws IOException {
        VethSpec wire = spec.end().netns() != null && spec.peer().netns() == null
                ? new VethSpec(spec.peer(), spec.end(), spec.mtu()) : spec;
        String operation = "RTM_NEWLINK " + spec.describe();
        int endFd = -1;
        int peerFd = -1;
        try {
            endFd = openNamespace(wire.end().netns(), operation);
            peerFd = openNamespace(wire.peer().netns(), operation);
            socket.request(LinkMessages.newVeth(b, wire, endFd, peerFd), operation);
        } finally {
            Unistd.closeQuietly(endFd);
            Unistd.closeQuietly(peerFd);
        }
    }

    /**
     * Creates a persistent TAP device (IFF_TAP | IFF_NO_PI) in this socket's namespace; a socket from
     * {@link #open()} means the calling thread's namespace. A port attaches to it later by name; with
     * {@code multiQueue} it can be opened once per queue.
     */
    public void createTap(String name, boolean multiQueue) throws IOException {
        InterfaceNames.check(name);
        if (link(name).isPresent()) {
            throw new LinuxException("create tap", name, Errno.EEXIST);
        }
        NetnsExec.call(netnsPath, () -> {
            TapDevices.createPersistent(name, multiQueue);
            return null;
        });
    }

    /** Sets a link administratively up or down. */
    public void setUp(String name, boolean up) throws IOException {
        InterfaceNames.check(name);
        socket.request(LinkMessages.setUp(b, name, up), "RTM_SETLINK " + (up ? "up " : "down ") + name);
    }

    /**
     * Gives a link that is still down no IPv6 address of its own (address generation mode none): when it comes up it
     * sends no router solicitation, no duplicate address detection and no MLD report, so a switch port carries only
     * what the hosts send. Unlike writing net.ipv6.conf.NAME.disable_ipv6, which gives way and retries while any
     * other thread holds the RTNL lock, this waits for the lock like every other rtnetlink request.
     */
    public void noIpv6Addresses(String name) throws IOException {
        InterfaceNames.check(name);
        socket.request(LinkMessages.noIpv6Addresses(b, name), "RTM_SETLINK addrgenmode none " + name);
    }

    /** Sets the MTU of a link. */
    public void setMtu(String name, int mtu) throws IOException {
        InterfaceNames.check(name);
        if (mtu <= 0) {
            throw new IllegalArgumentException("MTU of " + name + " must be positive: " + mtu);
        }
        socket.request(LinkMessages.setMtu(b, name, mtu), "RTM_SETLINK mtu " + mtu + " " + name);
    }

    /** Sets the hardware address of a link. */
    public void setMac(String name, byte[] mac) throws IOException {
        InterfaceNames.check(name);
        if (mac == null || mac.length != 6) {
            throw new IllegalArgumentException("MAC of " + name + " must be 6 bytes");
        }
        socket.request(LinkMessages.setMac(b, name, mac),
                "RTM_SETLINK address " + LinkInfo.formatMac(mac) + " " + name);
    }

    /**
     * Renames a link. The kernel renames only links that are down, so one that is up is taken down, renamed and
     * brought up again, and what going down cost it (IPv6 addresses, routes through it) is put back.
     */
    public void rename(String oldName, String newName) throws IOException {
        InterfaceNames.check(newName);
        String operation = "RTM_SETLINK name " + oldName + " -> " + newName;
        LinkInfo link = link(oldName).orElseThrow(() -> new NetlinkException(operation, Errno.ENODEV, ""));
        if (!link.adminUp()) {
            socket.request(LinkMessages.rename(b, link.index(), newName), operation);
            return;
        }
        LinkConfigSnapshot saved = LinkConfigSnapshot.capture(this, link.index());
        setUp(oldName, false);
        try {
            socket.request(LinkMessages.rename(b, link.index(), newName), operation);
        } catch (IOException e) {
            try {
                setUp(oldName, true);
                saved.restore(this, oldName);
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
        setUp(newName, true);
        saved.restore(this, newName);
    }

    /** Moves a link into the named namespace; it arrives down, with its addresses gone. */
    public void moveToNamespace(String name, String targetNetnsName) throws IOException {
        InterfaceNames.check(name);
        String operation = "RTM_SETLINK netns " + targetNetnsName + " " + name;
        int fd = openNamespace(targetNetnsName, operation);
        try {
            socket.request(LinkMessages.moveToNamespace(b, name, fd), operation);
        } finally {
            Unistd.close(fd);
        }
    }

    /** Deletes a link (for a veth, both ends). A missing link is an error (ENODEV). */
    public void deleteLink(String name) throws IOException {
        InterfaceNames.check(name);
        socket.request(LinkMessages.delete(b, name), "RTM_DELLINK " + name);
    }

    /** Adds an IPv4 or IPv6 address; it must not exist yet. IPv6 addresses skip DAD and are usable at once. */
    public void addAddress(String name, InetAddress address, int prefixLength) throws IOException {
        String operation = "RTM_NEWADDR " + cidr(address, prefixLength) + " dev " + name;
        int index = indexOf(name, operation);
        socket.request(AddressMessages.add(b, index, address, prefixLength), operation);
    }

    /** Deletes an address. */
    public void deleteAddress(String name, InetAddress address, int prefixLength) throws IOException {
        String operation = "RTM_DELADDR " + cidr(address, prefixLength) + " dev " + name;
        int index = indexOf(name, operation);
        socket.request(AddressMessages.delete(b, index, address, prefixLength), operation);
    }

    /** Every IPv4 and IPv6 address of the namespace. */
    public List<AddressInfo> addresses() throws IOException {
        return dump(AddressMessages::dump, "RTM_GETADDR dump", m -> {
            int family = m.u8(0);
            return family == Socket.AF_INET || family == Socket.AF_INET6 ? AddressMessages.decode(m) : null;
        });
    }

    /** The IPv4 and IPv6 addresses of one link. */
    public List<AddressInfo> addresses(String name) throws IOException {
        int index = indexOf(name, "RTM_GETADDR dev " + name);
        List<AddressInfo> mine = new ArrayList<>();
        for (AddressInfo a : addresses()) {
            if (a.index() == index) {
                mine.add(a);
            }
        }
        return mine;
    }

    /** Adds a route to the main table; it must not exist yet. */
    public void addRoute(RouteSpec route) throws IOException {
        String operation = "RTM_NEWROUTE " + route.describe();
        socket.request(RouteMessages.add(b, route, outputIndex(route, operation)), operation);
    }

    /** Deletes a route from the main table. */
    public void deleteRoute(RouteSpec route) throws IOException {
        String operation = "RTM_DELROUTE " + route.describe();
        socket.request(RouteMessages.delete(b, route, outputIndex(route, operation)), operation);
    }

    /** The IPv4 and IPv6 routes of the main table. */
    public List<RouteInfo> routes() throws IOException {
        return dump(RouteMessages::dump, "RTM_GETROUTE dump", m -> {
            int family = m.u8(0);
            boolean ip = family == Socket.AF_INET || family == Socket.AF_INET6;
            return ip && RouteMessages.table(m) == Rtnetlink.RT_TABLE_MAIN ? RouteMessages.decode(m) : null;
        });
    }

    @Override
    public void close() {
        socket.close();
    }

    private int outputIndex(RouteSpec route, String operation) throws IOException {
        if (route.gateway() == null && route.device() == null) {
            throw new IllegalArgumentException(operation + ": a route needs a gateway or an output interface");
        }
        return route.device() == null ? 0 : indexOf(route.device(), operation);
    }

    private int indexOf(String name, String operation) throws IOException {
        InterfaceNames.check(name);
        return link(name).orElseThrow(() -> new NetlinkException(operation, Errno.ENODEV, "")).index();
    }

    private static String cidr(InetAddress address, int prefixLength) {
        int max = Addresses.maxPrefix(address);
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " of " + address.getHostAddress()
                    + " outside 0.." + max);
        }
        return address.getHostAddress() + "/" + prefixLength;
    }

    private static int openNamespace(String netnsName, String operation) throws IOException {
        if (netnsName == null) {
            return -1;
        }
        String path = namespacePath(netnsName);
        try {
            return Fcntl.openOrThrow(path, Fcntl.O_RDONLY);
        } catch (LinuxException e) {
            throw new IOException(operation + ": network namespace " + netnsName + ": " + e.getMessage(), e);
        }
    }

    static String namespacePath(String netnsName) {
        if (netnsName == null || netnsName.isEmpty() || netnsName.indexOf('/') >= 0 || netnsName.equals(".")
                || netnsName.equals("..")) {
            throw new IllegalArgumentException("not a namespace name: \"" + netnsName + "\"");
        }
        return NetnsExec.pathOf(netnsName);
    }

    /** Decodes one message of a dump, or returns null to leave it out. */
    private interface Decoder<T> {
        T decode(NetlinkMessage m) throws IOException;
    }

    private <T> List<T> dump(Consumer<MessageBuilder> request, String operation, Decoder<T> decoder)
            throws IOException {
        for (int attempt = 1; ; attempt++) {
            List<T> out = new ArrayList<>();
            request.accept(b);
            boolean consistent = socket.dump(b, operation, m -> {
                T item = decoder.decode(m);
                if (item != null) {
                    out.add(item);
                }
            });
            if (consistent) {
                return out;
            }
            if (attempt == DUMP_ATTEMPTS) {
                throw new IOException(operation + ": interrupted by concurrent changes " + DUMP_ATTEMPTS
                        + " times in a row");
            }
        }
    }
}
