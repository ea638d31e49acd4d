package dev.lanyard.control.lab;

import dev.lanyard.control.netlink.NetlinkException;
import dev.lanyard.control.netlink.RouteSpec;
import dev.lanyard.control.netlink.RtNetlink;
import dev.lanyard.control.netlink.VethSpec;
import dev.lanyard.control.netns.NetNamespaces;
import dev.lanyard.control.reconcile.Action;
import dev.lanyard.control.reconcile.LinkEnd;
import dev.lanyard.control.topology.Cidr;
import dev.lanyard.control.topology.MacAddress;
import dev.lanyard.control.topology.Route;

import java.io.IOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Carries out planned actions over rtnetlink and the namespace registry. Safe for several threads at once: each
 * action borrows a netlink socket of its namespace from a pool for as long as it runs (a socket stays bound to the
 * namespace it was opened in, and opening one in another namespace costs a thread), so that a run opens about one
 * socket per namespace. Switch-side ports get IPv6 turned off so that the switch's own ends never talk to the
 * hosts (router solicitations, MLD), as a bridge port does not either.
 */
public final class Applier implements AutoCloseable {
    private final NetNamespaces netns;
    /** errno: address family not supported (a kernel without IPv6). */
    private static final int EAFNOSUPPORT = 97;

    private final Set<String> quietDevices;
    private final Map<String, ConcurrentLinkedQueue<RtNetlink>> pool = new ConcurrentHashMap<>();
    private final ThreadLocal<Map<String, RtNetlink>> borrowed = ThreadLocal.withInitial(HashMap::new);

    /**
     * An applier; {@code quietDevices} are "namespace/name" keys ("" for the root namespace) of devices that get
     * no IPv6 address of their own (address generation mode none) when created.
     */
    public Applier(NetNamespaces netns, Set<String> quietDevices) {
        this.netns = netns;
        this.quietDevices = quietDevices;
    }

    /** Does one action, on the calling thread. */
    public void apply(Action action) throws IOException {
        try {
            applyWithBorrowedSockets(action);
        } finally {
            Map<String, RtNetlink> mine = borrowed.get();
            for (Map.Entry<String, RtNetlink> e : mine.entrySet()) {
                pool.computeIfAbsent(e.getKey(), k -> new ConcurrentLinkedQueue<>()).add(e.getValue());
            }
            mine.clear();
        }
    }

    private void applyWithBorrowedSockets(Action action) throws IOException {
        if (action instanceof Action.CreateNamespace a) {
            borrowed.get().put(a.name(), netns.createWithSocket(a.name()));
        } else if (action instanceof Action.DeleteNamespace a) {
            ConcurrentLinkedQueue<RtNetlink> open = pool.remove(a.name());
            if (open != null) {
                open.forEach(RtNetlink::close);
            }
            netns.delete(a.name());
        } else if (action instanceof Action.CreateVeth a) {
            VethSpec spec = VethSpec.of(end(a.a()), end(a.b())).withMtu(a.a().mtu());
            rt("").createVeth(spec);
            if (a.b().mtu() != a.a().mtu()) {
                rt(a.b().namespace()).setMtu(a.b().name(), a.b().mtu());
            }
            quieten(a.a());
            quieten(a.b());
        } else if (action instanceof Action.CreateTap a) {
            RtNetlink rt = rt(a.namespace());
            rt.createTap(a.name(), false);
            rt.setMac(a.name(), bytes(a.mac()));
            rt.setMtu(a.name(), a.mtu());
            quieten(new LinkEnd(a.namespace(), a.name(), a.mac(), a.mtu()));
        } else if (action instanceof Action.DeleteLink a) {
            rt(a.namespace()).deleteLink(a.name());
        } else if (action instanceof Action.SetLinkUp a) {
            rt(a.namespace()).setUp(a.name(), true);
        } else if (action instanceof Action.SetMtu a) {
            rt(a.namespace()).setMtu(a.name(), a.mtu());
        } else if (action instanceof Action.SetMac a) {
            rt(a.namespace()).setMac(a.name(), bytes(a.mac()));
        } else if (action instanceof Action.AddAddress a) {
            rt(a.namespace()).addAddress(a.name(), inet(a.address()), a.address().prefix());
        } else if (action instanceof Action.DeleteAddress a) {
            rt(a.namespace()).deleteAddress(a.name(), inet(a.address()), a.address().prefix());
        } else if (action instanceof Action.AddRoute a) {
            rt(a.namespace()).addRoute(route(a.route()));
        } else if (action instanceof Action.DeleteRoute a) {
            rt(a.namespace()).deleteRoute(route(a.route()));
        } else {
            throw new IllegalArgumentException("no way to carry out " + action.render());
        }
    }

    /** A socket of the namespace that this thread holds until its action ends. */
    private RtNetlink rt(String namespace) throws IOException {
        Map<String, RtNetlink> mine = borrowed.get();
        RtNetlink s = mine.get(namespace);
        if (s == null) {
            ConcurrentLinkedQueue<RtNetlink> free = pool.get(namespace);
            s = free == null ? null : free.poll();
            if (s == null) {
                s = namespace.isEmpty() ? RtNetlink.open() : RtNetlink.open(namespace);
            }
            mine.put(namespace, s);
        }
        return s;
    }

    private static VethSpec.End end(LinkEnd e) {
        VethSpec.End end = VethSpec.End.of(e.name()).withMac(bytes(e.mac()));
        return e.namespace().isEmpty() ? end : end.in(e.namespace());
    }

    /** A switch-side end gets no IPv6 address of its own before it comes up (see RtNetlink#noIpv6Addresses). */
    private void quieten(LinkEnd e) throws IOException {
        if (!quietDevices.contains(e.namespace() + "/" + e.name())) {
            return;
        }
        try {
            rt(e.namespace()).noIpv6Addresses(e.name());
        } catch (NetlinkException noIpv6) {
            // A kernel without IPv6 (EAFNOSUPPORT, 97) has nothing to turn off.
            if (noIpv6.errno() != EAFNOSUPPORT) {
                throw noIpv6;
            }
        }
    }

    private static RouteSpec route(Route r) throws IOException {
        InetAddress via = r.via() == null ? null : InetAddress.getByAddress(r.via().bytes());
        RouteSpec spec = r.to().isDefault() && via != null ? RouteSpec.defaultVia(via)
                : RouteSpec.to(r.to().toString());
        if (via != null && !r.to().isDefault()) {
            spec = spec.via(via);
        }
        return r.dev() == null ? spec : spec.dev(r.dev());
    }

    private static InetAddress inet(Cidr c) throws IOException {
        return InetAddress.getByAddress(c.address().bytes());
    }

    private static byte[] bytes(MacAddress mac) {
        byte[] b = new byte[6];
        long v = mac.value();
        for (int i = 5; i >= 0; i--) {
            b[i] = (byte) v;
            v >>>= 8;
        }
        return b;
    }

    @Override
    public void close() {
        for (ConcurrentLinkedQueue<RtNetlink> open : pool.values()) {
            open.forEach(RtNetlink::close);
        }
        pool.clear();
    }
}
