package dev.lanyard.bench.e2e.lab;

import dev.lanyard.control.netlink.LinkInfo;
import dev.lanyard.control.netlink.RtNetlink;
import dev.lanyard.control.netlink.VethSpec;
import dev.lanyard.control.netns.NetNamespaces;
import dev.lanyard.dataplane.linux.NetnsExec;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * LABS.md lab 3 for the benchmark: hosts h1..h3, each a namespace with {@code eth0} at 172.17.0.10N/16, joined by
 * veth pairs to ports {@code sw-hN} in a switch namespace where each system under test attaches in turn; and a
 * second pair {@code eth1} straight from h1 to h2 (172.18.0.1/24 and .2), the no-switch reference. Namespace
 * names carry a random prefix; IPv6 is off everywhere so no neighbour discovery chatter crosses a measurement.
 * Everything is registered with the run's {@link Cleanup}.
 */
public final class Lab {
    /** The number of hosts. */
    public static final int HOSTS = 3;
    /** The hosts' switched interface. */
    public static final String HOST_DEV = "eth0";
    /** The direct pair's interface in h1 and h2. */
    public static final String DIRECT_DEV = "eth1";

    private final String prefix;
    private final NetNamespaces namespaces = new NetNamespaces();

    private Lab(String prefix) {
        this.prefix = prefix;
    }

    /** A fresh prefix: "lb" and four random hex digits. */
    public static String newPrefix() {
        return String.format("lb%04x", new SecureRandom().nextInt(0x10000));
    }

    /**
     * Builds the lab: namespaces, links, addresses, RPS of the hosts' interfaces to {@code hostCpu}; waits for
     * carrier. What it made is undone by {@code cleanup} even when building fails half-way.
     */
    public static Lab build(String prefix, int hostCpu, Cleanup cleanup) throws IOException {
        Lab lab = new Lab(prefix);
        List<String> all = new ArrayList<>();
        for (int i = 1; i <= HOSTS; i++) {
            all.add(lab.hostNs(i));
        }
        all.add(lab.switchNs());
        for (String ns : all) {
            lab.namespaces.create(ns);
            cleanup.add("delete namespace " + ns, () -> lab.namespaces.delete(ns));
            lab.writeProcSys(ns, "net/ipv6/conf/all/disable_ipv6", "1");
            lab.writeProcSys(ns, "net/ipv6/conf/default/disable_ipv6", "1");
        }
        try (RtNetlink root = RtNetlink.open()) {
            for (int i = 1; i <= HOSTS; i++) {
                root.createVeth(VethSpec.of(VethSpec.End.of(HOST_DEV).in(lab.hostNs(i)).withMac(hostMac(i)),
                        VethSpec.End.of(switchPort(i)).in(lab.switchNs())));
            }
            root.createVeth(VethSpec.of(VethSpec.End.of(DIRECT_DEV).in(lab.hostNs(1)).withMac(directMac(1)),
                    VethSpec.End.of(DIRECT_DEV).in(lab.hostNs(2)).withMac(directMac(2))));
        }
        cleanup.add("delete links of " + prefix, lab::deleteLinks);
        for (int i = 1; i <= HOSTS; i++) {
            try (RtNetlink host = RtNetlink.open(lab.hostNs(i))) {
                host.addAddress(HOST_DEV, InetAddress.getByName(hostIp(i)), 16);
                host.setUp(HOST_DEV, true);
                if (i <= 2) {
                    host.addAddress(DIRECT_DEV, InetAddress.getByName(directIp(i)), 24);
                    host.setUp(DIRECT_DEV, true);
                }
            }
        }
        try (RtNetlink sw = RtNetlink.open(lab.switchNs())) {
            for (int i = 1; i <= HOSTS; i++) {
                sw.setUp(switchPort(i), true);
            }
        }
        String hostMask = cpuMask(hostCpu);
        for (int i = 1; i <= HOSTS; i++) {
            lab.setRps(lab.hostNs(i), HOST_DEV, hostMask);
        }
        lab.setRps(lab.hostNs(1), DIRECT_DEV, hostMask);
        lab.setRps(lab.hostNs(2), DIRECT_DEV, hostMask);
        lab.awaitCarrier();
        return lab;
    }

    /** The namespace of host {@code i} (1-based). */
    public String hostNs(int i) {
        return prefix + "-h" + i;
    }

    /** The switch namespace. */
    public String switchNs() {
        return prefix + "-sw";
    }

    /** The name prefix of everything this lab made. */
    public String prefix() {
        return prefix;
    }

    /** The switch-side end of host {@code i}'s link. */
    public static String switchPort(int i) {
        return "sw-h" + i;
    }

    /** All switch ports, in host order. */
    public static List<String> switchPorts() {
        List<String> ports = new ArrayList<>();
        for (int i = 1; i <= HOSTS; i++) {
            ports.add(switchPort(i));
        }
        return ports;
    }

    /** The address of host {@code i} on the switched network. */
    public static String hostIp(int i) {
        return "172.17.0." + (100 + i);
    }

    /** The address of host {@code i} (1 or 2) on the direct pair. */
    public static String directIp(int i) {
        return "172.18.0." + i;
    }

    /** The fixed MAC of host {@code i}'s eth0: 02:00:00:00:00:0N. */
    public static byte[] hostMac(int i) {
        return new byte[] {2, 0, 0, 0, 0, (byte) i};
    }

    /** The fixed MAC of host {@code i}'s eth1: 02:00:00:00:01:0N. */
    public static byte[] directMac(int i) {
        return new byte[] {2, 0, 0, 0, 1, (byte) i};
    }

    /** The hex mask of one CPU, as rps_cpus takes it. */
    public static String cpuMask(int cpu) {
        return Long.toHexString(1L << cpu);
    }

    /** Points RPS of every switch port at {@code mask} ("0" turns it off). */
    public void setSwitchPortRps(String mask) throws IOException {
        for (String port : switchPorts()) {
            setRps(switchNs(), port, mask);
        }
    }

    /** Writes {@code mask} to rps_cpus of every receive queue of {@code dev} in {@code ns}. */
    public void setRps(String ns, String dev, String mask) throws IOException {
        Commands.run(10, Commands.inNamespace(ns, -1, "sh", "-c",
                "for q in /sys/class/net/" + dev + "/queues/rx-*/rps_cpus; do echo " + mask + " > $q || exit 1; done"))
                .check();
    }

    /** Writes a sysctl of namespace {@code ns}: {@code key} is the path under /proc/sys. */
    public void writeProcSys(String ns, String key, String value) throws IOException {
        NetnsExec.call(NetnsExec.pathOf(ns), () -> {
            Files.writeString(Path.of("/proc/sys", key), value);
            return null;
        });
    }

    /** The interface counters of namespace {@code ns}, by interface name. */
    public Map<String, NetDev.Counters> counters(String ns) throws IOException {
        return NetDev.parse(NetnsExec.call(NetnsExec.pathOf(ns),
                () -> Files.readString(Path.of("/proc/thread-self/net/dev"))));
    }

    /** The counters of one interface of namespace {@code ns}. */
    public NetDev.Counters counters(String ns, String dev) throws IOException {
        NetDev.Counters c = counters(ns).get(dev);
        if (c == null) {
            throw new IOException("no interface " + dev + " in namespace " + ns);
        }
        return c;
    }

    /** The protocol counters (/proc/net/snmp) of namespace {@code ns}, e.g. "Udp.InCsumErrors". */
    public Map<String, Long> snmp(String ns) throws IOException {
        return Snmp.parse(NetnsExec.call(NetnsExec.pathOf(ns),
                () -> Files.readString(Path.of("/proc/thread-self/net/snmp"))));
    }

    /** The namespaces of this lab that still exist (after teardown: none). */
    public List<String> leftoverNamespaces() throws IOException {
        List<String> left = new ArrayList<>();
        for (String ns : namespaces.list()) {
            if (ns.startsWith(prefix + "-")) {
                left.add(ns);
            }
        }
        return left;
    }

    private void awaitCarrier() throws IOException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        for (int i = 1; i <= HOSTS; i++) {
            awaitUp(hostNs(i), HOST_DEV, deadline);
            awaitUp(switchNs(), switchPort(i), deadline);
        }
        awaitUp(hostNs(1), DIRECT_DEV, deadline);
        awaitUp(hostNs(2), DIRECT_DEV, deadline);
    }

    private static void awaitUp(String ns, String dev, long deadline) throws IOException {
        try (RtNetlink nl = RtNetlink.open(ns)) {
            while (true) {
                Optional<LinkInfo> link = nl.link(dev);
                if (link.isPresent() && link.get().operUp()) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("no carrier on " + dev + " in " + ns + " after 5 s");
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted waiting for carrier on " + dev, e);
                }
            }
        }
    }

    /** Deletes the veth pairs (each from its host end), so they go even if something still holds a namespace. */
    private void deleteLinks() throws IOException {
        for (int i = 1; i <= HOSTS; i++) {
            if (!namespaces.exists(hostNs(i))) {
                continue;
            }
            try (RtNetlink host = RtNetlink.open(hostNs(i))) {
                for (String dev : List.of(HOST_DEV, DIRECT_DEV)) {
                    if (host.link(dev).isPresent()) {
                        host.deleteLink(dev);
                    }
                }
            }
        }
    }
}
