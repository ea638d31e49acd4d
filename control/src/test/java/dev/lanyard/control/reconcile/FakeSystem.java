package dev.lanyard.control.reconcile;

import dev.lanyard.control.topology.Cidr;
import dev.lanyard.control.topology.IpAddress;
import dev.lanyard.control.topology.MacAddress;
import dev.lanyard.control.topology.Route;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory system that applies actions as the kernel would (refusing what the kernel refuses: a name taken twice,
 * an address added twice, a device that does not exist), so plans can be run and the result observed.
 */
final class FakeSystem {
    private static final Cidr LINK_LOCAL = Cidr.parse("fe80::1/64");

    private final Map<String, Map<String, Dev>> namespaces = new LinkedHashMap<>();
    private final Map<String, List<ObservedRoute>> routes = new LinkedHashMap<>();

    /** One device. */
    static final class Dev {
        final String name;
        final String kind;
        String peerNamespace;
        String peerName;
        MacAddress mac;
        int mtu;
        boolean up;
        final List<Cidr> addresses = new ArrayList<>();

        Dev(String name, String kind, MacAddress mac, int mtu) {
            this.name = name;
            this.kind = kind;
            this.mac = mac;
            this.mtu = mtu;
        }
    }

    /** A machine with a root namespace holding lo and eth0 (10.0.0.5/24, default route via 10.0.0.1). */
    FakeSystem() {
        addNamespace("");
        Dev eth0 = add("", new Dev("eth0", null, MacAddress.parse("52:54:00:12:34:56"), 1500));
        eth0.up = true;
        eth0.addresses.add(Cidr.parse("10.0.0.5/24"));
        routes.get("").add(new ObservedRoute(Cidr.defaultRoute(true), IpAddress.parse("10.0.0.1"), "eth0", "dhcp"));
    }

    void apply(Plan plan) {
        plan.actions().forEach(this::apply);
    }

    void apply(Action action) {
        if (action instanceof Action.CreateNamespace a) {
            check(!namespaces.containsKey(a.name()), "namespace exists: " + a.name());
            addNamespace(a.name());
        } else if (action instanceof Action.DeleteNamespace a) {
            Map<String, Dev> devices = ns(a.name());
            for (Dev d : new ArrayList<>(devices.values())) {
                removeDevice(a.name(), d);
            }
            namespaces.remove(a.name());
            routes.remove(a.name());
        } else if (action instanceof Action.CreateVeth a) {
            Dev one = add(a.a().namespace(), new Dev(a.a().name(), "veth", a.a().mac(), a.a().mtu()));
            Dev two = add(a.b().namespace(), new Dev(a.b().name(), "veth", a.b().mac(), a.b().mtu()));
            one.peerNamespace = a.b().namespace();
            one.peerName = a.b().name();
            two.peerNamespace = a.a().namespace();
            two.peerName = a.a().name();
        } else if (action instanceof Action.CreateTap a) {
            add(a.namespace(), new Dev(a.name(), "tun", a.mac(), a.mtu()));
        } else if (action instanceof Action.DeleteLink a) {
            removeDevice(a.namespace(), dev(a.namespace(), a.name()));
        } else {
            applyToDevice(action);
        }
    }

    private void applyToDevice(Action action) {
        if (action instanceof Action.SetLinkUp a) {
            dev(a.namespace(), a.name()).up = true;
        } else if (action instanceof Action.SetMtu a) {
            dev(a.namespace(), a.name()).mtu = a.mtu();
        } else if (action instanceof Action.SetMac a) {
            dev(a.namespace(), a.name()).mac = a.mac();
        } else if (action instanceof Action.AddAddress a) {
            Dev d = dev(a.namespace(), a.name());
            check(!d.addresses.contains(a.address()), "address exists: " + a);
            d.addresses.add(a.address());
        } else if (action instanceof Action.DeleteAddress a) {
            check(dev(a.namespace(), a.name()).addresses.remove(a.address()), "no such address: " + a);
        } else if (action instanceof Action.AddRoute a) {
            addRoute(a.namespace(), a.route());
        } else if (action instanceof Action.DeleteRoute a) {
            List<ObservedRoute> list = routes.get(a.namespace());
            check(list.removeIf(r -> r.asRoute().equals(a.route())), "no such route: " + a);
        } else {
            throw new IllegalArgumentException("unknown action " + action);
        }
    }

    /** Adds a route as somebody else would (proto boot), e.g. by hand. */
    void addRoute(String namespace, Route route) {
        List<ObservedRoute> list = routes.get(namespace);
        check(list.stream().noneMatch(r -> r.to().equals(route.to())), "route exists: " + route);
        String dev = route.dev();
        if (dev == null) {
            dev = ns(namespace).values().stream()
                    .filter(d -> d.up && d.addresses.stream().anyMatch(c -> c.contains(route.via())))
                    .map(d -> d.name)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("Network is unreachable: " + route));
        } else {
            dev(namespace, dev);
        }
        list.add(new ObservedRoute(route.to(), route.via(), dev, "boot"));
    }

    /** Adds a device as somebody else would. */
    Dev add(String namespace, Dev d) {
        Map<String, Dev> devices = ns(namespace);
        check(!devices.containsKey(d.name), "device exists: " + namespace + "/" + d.name);
        devices.put(d.name, d);
        return d;
    }

    void addNamespace(String name) {
        namespaces.put(name, new LinkedHashMap<>());
        routes.put(name, new ArrayList<>());
        namespaces.get(name).put("lo", new Dev("lo", null, new MacAddress(0), 65536));
    }

    Dev dev(String namespace, String name) {
        Dev d = ns(namespace).get(name);
        check(d != null, "Cannot find device " + namespace + "/" + name);
        return d;
    }

    boolean has(String namespace, String name) {
        return namespaces.containsKey(namespace) && namespaces.get(namespace).containsKey(name);
    }

    ObservedState observe() {
        Map<String, ObservedNamespace> out = new LinkedHashMap<>();
        namespaces.forEach((name, devices) -> {
            List<ObservedLink> links = new ArrayList<>();
            List<ObservedRoute> all = new ArrayList<>(routes.get(name));
            for (Dev d : devices.values()) {
                List<Cidr> addresses = new ArrayList<>(d.addresses);
                if (d.up && !d.name.equals("lo")) {
                    addresses.add(LINK_LOCAL);
                    for (Cidr c : d.addresses) {
                        all.add(new ObservedRoute(c.network(), null, d.name, ObservedRoute.KERNEL));
                    }
                }
                links.add(new ObservedLink(d.name, d.kind, d.peerName, d.peerNamespace, d.mac, d.mtu, d.up,
                        addresses));
            }
            out.put(name, new ObservedNamespace(links, all));
        });
        return new ObservedState(out);
    }

    private void removeDevice(String namespace, Dev d) {
        ns(namespace).remove(d.name);
        routes.get(namespace).removeIf(r -> d.name.equals(r.dev()));
        if ("veth".equals(d.kind) && namespaces.containsKey(d.peerNamespace)) {
            Dev peer = namespaces.get(d.peerNamespace).remove(d.peerName);
            if (peer != null) {
                routes.get(d.peerNamespace).removeIf(r -> peer.name.equals(r.dev()));
            }
        }
    }

    private Map<String, Dev> ns(String name) {
        Map<String, Dev> devices = namespaces.get(name);
        check(devices != null, "Cannot open network namespace \"" + name + "\": No such file or directory");
        return devices;
    }

    private static void check(boolean ok, String error) {
        if (!ok) {
            throw new IllegalStateException(error);
        }
    }
}
