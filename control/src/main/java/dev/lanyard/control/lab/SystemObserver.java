package dev.lanyard.control.lab;

import dev.lanyard.control.netlink.AddressInfo;
import dev.lanyard.control.netlink.LinkInfo;
import dev.lanyard.control.netlink.RouteInfo;
import dev.lanyard.control.netlink.RtNetlink;
import dev.lanyard.control.netns.NetNamespaces;
import dev.lanyard.control.reconcile.ObservedLink;
import dev.lanyard.control.reconcile.ObservedNamespace;
import dev.lanyard.control.reconcile.ObservedRoute;
import dev.lanyard.control.reconcile.ObservedState;
import dev.lanyard.control.topology.Cidr;
import dev.lanyard.control.topology.IpAddress;
import dev.lanyard.control.topology.MacAddress;
import dev.lanyard.control.topology.Topology;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what exists, over rtnetlink, into the planner's {@link ObservedState}: the root namespace and the named
 * namespaces asked about (those that exist), each with its links, their addresses and main-table unicast routes.
 * A veth's peer is found by the two ends naming each other's index.
 */
public final class SystemObserver {
    private static final int RTN_UNICAST = 1;

    private final NetNamespaces netns;

    /** An observer using this namespace registry. */
    public SystemObserver(NetNamespaces netns) {
        this.netns = netns;
    }

    /** Observes the root namespace and those of {@code names} that exist. */
    public ObservedState observe(Collection<String> names) throws IOException {
        return observe(names, Set.of());
    }

    /**
     * Observes the root namespace and those of {@code names} that exist; of the namespaces in {@code shallow} only
     * whether they exist is read (they look empty), which is all a plan that deletes them needs and saves a
     * netlink socket and three dumps per namespace.
     */
    public ObservedState observe(Collection<String> names, Collection<String> shallow) throws IOException {
        Set<String> wanted = new LinkedHashSet<>();
        for (String n : names) {
            if (n != null && !n.isEmpty() && netns.exists(n)) {
                wanted.add(n);
            }
        }
        Map<String, Snapshot> snaps = new LinkedHashMap<>();
        snaps.put(Topology.ROOT_NAMESPACE, snapshot(null));
        for (String n : wanted) {
            snaps.put(n, shallow.contains(n) ? EMPTY : snapshot(n));
        }
        Map<String, ObservedNamespace> named = new LinkedHashMap<>();
        ObservedNamespace root = null;
        for (Map.Entry<String, Snapshot> e : snaps.entrySet()) {
            ObservedNamespace ns = toObserved(e.getKey(), e.getValue(), snaps);
            if (e.getKey().isEmpty()) {
                root = ns;
            } else {
                named.put(e.getKey(), ns);
            }
        }
        return ObservedState.of(root, named);
    }

    private record Snapshot(List<LinkInfo> links, List<AddressInfo> addresses, List<RouteInfo> routes) {
    }

    private static final Snapshot EMPTY = new Snapshot(List.of(), List.of(), List.of());

    private static Snapshot snapshot(String ns) throws IOException {
        try (RtNetlink rt = ns == null ? RtNetlink.open() : RtNetlink.open(ns)) {
            return new Snapshot(rt.links(), rt.addresses(), rt.routes());
        }
    }

    private static ObservedNamespace toObserved(String ns, Snapshot s, Map<String, Snapshot> all) {
        Map<Integer, String> names = new HashMap<>();
        for (LinkInfo l : s.links()) {
            names.put(l.index(), l.name());
        }
        List<ObservedLink> links = new ArrayList<>();
        for (LinkInfo l : s.links()) {
            List<Cidr> addrs = new ArrayList<>();
            for (AddressInfo a : s.addresses()) {
                if (a.index() == l.index()) {
                    addrs.add(new Cidr(IpAddress.of(a.address().getAddress()), a.prefixLength()));
                }
            }
            String peerName = null;
            String peerNs = null;
            if ("veth".equals(l.kind()) && l.link() != 0) {
                String[] peer = findPeer(ns, l, all);
                if (peer != null) {
                    peerNs = peer[0];
                    peerName = peer[1];
                }
            }
            byte[] mac = l.mac();
            links.add(new ObservedLink(l.name(), l.kind() == null || l.kind().isEmpty() ? null : l.kind(), peerName,
                    peerNs, mac.length == 6 ? new MacAddress(toLong(mac)) : null, l.mtu(), l.adminUp(), addrs));
        }
        List<ObservedRoute> routes = new ArrayList<>();
        for (RouteInfo r : s.routes()) {
            if (r.type() != RTN_UNICAST) {
                continue;
            }
            Cidr to = new Cidr(IpAddress.of(r.destination().getAddress()), r.prefixLength());
            IpAddress via = r.gateway().map(g -> IpAddress.of(g.getAddress())).orElse(null);
            routes.add(new ObservedRoute(to, via, names.get(r.outputIndex()), protocol(r.protocol())));
        }
        return new ObservedNamespace(links, routes);
    }

    /** The namespace and name of a veth's peer: the one veth, among those observed, that names us back. */
    private static String[] findPeer(String ns, LinkInfo l, Map<String, Snapshot> all) {
        String[] found = null;
        for (Map.Entry<String, Snapshot> e : all.entrySet()) {
            if (l.linkNetnsId().isEmpty() && !e.getKey().equals(ns)) {
                continue;
            }
            for (LinkInfo other : e.getValue().links()) {
                if ("veth".equals(other.kind()) && other.index() == l.link() && other.link() == l.index()
                        && !(other == l)) {
                    if (found != null) {
                        return null;
                    }
                    found = new String[] {e.getKey(), other.name()};
                }
            }
        }
        return found;
    }

    private static long toLong(byte[] mac) {
        long v = 0;
        for (byte b : mac) {
            v = v << 8 | (b & 0xFF);
        }
        return v;
    }

    /** The protocol as {@code ip route} names it. */
    static String protocol(int p) {
        switch (p) {
            case 1:
                return "redirect";
            case 2:
                return ObservedRoute.KERNEL;
            case 3:
                return "boot";
            case 4:
                return "static";
            case 9:
                return "ra";
            case 16:
                return "dhcp";
            default:
                return String.valueOf(p);
        }
    }
}
