package dev.lanyard.control.lab;

import dev.lanyard.control.netlink.RouteSpec;
import dev.lanyard.control.netlink.RtNetlink;
import dev.lanyard.control.netlink.VethSpec;
import dev.lanyard.control.netns.NetNamespaces;
import dev.lanyard.control.reconcile.Action;
import dev.lanyard.control.reconcile.LinkEnd;
import dev.lanyard.control.topology.Cidr;
import dev.lanyard.control.topology.MacAddress;
import dev.lanyard.control.topology.Route;
import dev.lanyard.dataplane.linux.NetnsExec;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Carries out planned actions over rtnetlink and the namespace registry, keeping one netlink socket per namespace
 * for the length of a run. Switch-side ports get IPv6 turned off so that the switch's own ends never talk to the
 * hosts (router solicitations, MLD) the way a bridge port does not either.
 */
public final class Applier implements AutoCloseable {
    private final NetNamespaces netns;
    private final Set<String> quietDevices;
    private final Map<String, RtNetlink> sockets = new HashMap<>();

    /**
     * An applier; {@code quietDevices} are "namespace/name" keys ("" for the root namespace) of devices that get
     * net.ipv6.conf.NAME.disable_ipv6 = 1 when created.
     */
    public Applier(NetNamespaces netns, Set<String> quietDevices) {
        this.netns = netns;
        this.quietDevices = quietDevices;
    }

    /** Does one action. */
    public void apply(Action action) throws IOException {
        if (action instanceof Action.CreateNamespace a) {
            netns.create(a.name());
        } else if (action instanceof Action.DeleteNamespace a) {
            RtNetlink s = sockets.remove(a.name());
            if (s != null) {
                s.close();
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

    private RtNetlink rt(String namespace) throws IOException {
        RtNetlink s = sockets.get(namespace);
        if (s == null) {
            s = namespace.isEmpty() ? RtNetlink.open() : RtNetlink.open(namespace);
            sockets.put(namespace, s);
        }
        return s;
    }

    private static VethSpec.End end(LinkEnd e) {
        VethSpec.End end = VethSpec.End.of(e.name()).withMac(bytes(e.mac()));
        return e.namespace().isEmpty() ? end : end.in(e.namespace());
    }

    private void quieten(LinkEnd e) throws IOException {
        if (!quietDevices.contains(e.namespace() + "/" + e.name())) {
            return;
        }
        String path = e.namespace().isEmpty() ? null : netns.path(e.namespace());
        NetnsExec.call(path, () -> {
            Path knob = Path.of("/proc/sys/net/ipv6/conf", e.name(), "disable_ipv6");
            try {
                Files.writeString(knob, "1", StandardCharsets.US_ASCII);
            } catch (NoSuchFileException noIpv6) {
                // A kernel without IPv6 has nothing to turn off.
            }
            return null;
        });
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
        for (RtNetlink s : sockets.values()) {
            s.close();
        }
        sockets.clear();
    }
}
