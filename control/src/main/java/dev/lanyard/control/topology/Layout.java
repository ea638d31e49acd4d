package dev.lanyard.control.topology;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The devices a topology asks for, namespace by namespace, and the links they form: the view that collision checks,
 * the system checks and the planner share. It is built leniently, so checks can run on a topology that still has
 * errors: a port of an unknown switch or a peer that cannot be resolved is left out.
 *
 * @param namespaces the namespaces the lab creates, hosts first, in file order
 * @param devices    every device, in file order: gateways, then host interfaces each followed by its switch-side end
 * @param links      the veth pairs and TAPs
 */
public record Layout(List<Namespace> namespaces, List<Device> devices, List<Link> links) {
    /** Copies the lists. */
    public Layout {
        namespaces = List.copyOf(namespaces);
        devices = List.copyOf(devices);
        links = List.copyOf(links);
    }

    /** What a device is for. */
    public enum Role {
        /** A host's interface. */
        HOST,
        /** The switch-side end of a host's veth to a switch. */
        PORT,
        /** A switch's internal port, the TAP carrying its gateway address. */
        GATEWAY
    }

    /**
     * A namespace of the lab.
     *
     * @param name the namespace name
     * @param path the source path of the element that asks for it
     */
    public record Namespace(String name, String path) {
    }

    /**
     * One network device.
     *
     * @param role      what it is for
     * @param namespace where it lives; "" for the root namespace
     * @param name      its interface name
     * @param mac       its MAC
     * @param mtu       its MTU
     * @param addresses its addresses
     * @param label     how messages call it: "ns0/eth0", "the switch-side end of ns0/eth0", "switch docker0's gateway"
     * @param path      the source path of the element that names it
     */
    public record Device(Role role, String namespace, String name, MacAddress mac, int mtu, List<Cidr> addresses,
                         String label, String path) {
        /** Copies the address list. */
        public Device {
            addresses = List.copyOf(addresses);
        }

        /** The device in a message: "interface ns0/eth0", or "interface "docker0" (switch docker0's gateway)". */
        public String describe() {
            return role == Role.HOST ? "interface " + label : "interface \"" + name + "\" (" + label + ")";
        }
    }

    /**
     * A link the lab creates: a veth pair (two devices) or a TAP (one).
     *
     * @param kind       veth or TAP
     * @param a          the first end: the host side of a switch port, the declaring side of a peer pair, the TAP
     * @param b          the other end of a veth; null for a TAP
     * @param switchName the switch this link is a port of; null for a veth between two hosts
     * @param settings   the port settings; null unless it is a host's port of a switch
     */
    public record Link(LinkKind kind, Device a, Device b, String switchName, PortSettings settings) {
        /** The ends: one or two devices. */
        public List<Device> ends() {
            return b == null ? List.of(a) : List.of(a, b);
        }

        /** The device a switch opens for this port: the switch-side veth end, or the TAP; null between hosts. */
        public Device portDevice() {
            if (switchName == null) {
                return null;
            }
            return b == null ? a : b;
        }
    }

    /** The layout of a topology. */
    public static Layout of(Topology t) {
        return new Builder(t).build();
    }

    /** The ports of a switch: its gateway TAP first, if any, then the hosts' links to it in file order. */
    public List<Link> portsOf(String switchName) {
        return links.stream().filter(l -> switchName.equals(l.switchName())).toList();
    }

    /** The namespace names alone. */
    public List<String> namespaceNames() {
        return namespaces.stream().map(Namespace::name).toList();
    }

    private static final class Builder {
        private final Topology t;
        private final Map<String, Namespace> namespaces = new LinkedHashMap<>();
        private final List<Device> devices = new ArrayList<>();
        private final List<Link> links = new ArrayList<>();
        private final Map<String, Device> hostDevices = new LinkedHashMap<>();

        Builder(Topology t) {
            this.t = t;
        }

        Layout build() {
            for (Host h : t.hosts()) {
                if (h.ownNamespace()) {
                    namespaces.putIfAbsent(h.name(), new Namespace(h.name(), Source.path("hosts", h.name())));
                }
            }
            for (Switch s : t.switches()) {
                if (!s.netns().isEmpty()) {
                    namespaces.putIfAbsent(s.netns(), new Namespace(s.netns(),
                            Source.path("switches", s.name(), "netns")));
                }
                if (s.gateway() != null) {
                    Device gateway = new Device(Role.GATEWAY, s.netns(), s.gatewayInterface(), s.gatewayMac(),
                            Interface.DEFAULT_MTU, List.of(s.gateway()), "switch " + s.name() + "'s gateway",
                            Source.path("switches", s.name(), "gateway-interface"));
                    devices.add(gateway);
                    links.add(new Link(LinkKind.TAP, gateway, null, s.name(), null));
                }
            }
            for (Host h : t.hosts()) {
                for (Interface i : h.interfaces()) {
                    Device d = new Device(Role.HOST, h.namespace(), i.name(), i.mac(), i.mtu(), i.addresses(),
                            h.name() + "/" + i.name(), Source.path("hosts", h.name(), "interfaces", i.name()));
                    hostDevices.put(d.label(), d);
                }
            }
            Set<String> paired = new HashSet<>();
            for (Host h : t.hosts()) {
                for (Interface i : h.interfaces()) {
                    Device d = hostDevices.get(h.name() + "/" + i.name());
                    devices.add(d);
                    if (i.attachment() instanceof Attachment.SwitchPort p) {
                        addPort(h, i, d, p);
                    } else if (i.attachment() instanceof Attachment.Peer p) {
                        Device other = hostDevices.get(p.toString());
                        if (other != null && other != d && !paired.contains(d.label())
                                && !paired.contains(other.label())) {
                            paired.add(d.label());
                            paired.add(other.label());
                            links.add(new Link(LinkKind.VETH, d, other, null, null));
                        }
                    }
                }
            }
            return new Layout(new ArrayList<>(namespaces.values()), devices, links);
        }

        private void addPort(Host h, Interface i, Device hostEnd, Attachment.SwitchPort p) {
            Switch s = t.switchNamed(p.switchName()).orElse(null);
            if (s == null) {
                return;
            }
            if (p.type() == PortType.TAP) {
                links.add(new Link(LinkKind.TAP, hostEnd, null, s.name(), p.settings()));
                return;
            }
            Device port = new Device(Role.PORT, s.netns(), p.port(), p.portMac(), i.mtu(), List.of(),
                    "the switch-side end of " + hostEnd.label(),
                    Source.path("hosts", h.name(), "interfaces", i.name(), "port"));
            devices.add(port);
            links.add(new Link(LinkKind.VETH, hostEnd, port, s.name(), p.settings()));
        }
    }
}
