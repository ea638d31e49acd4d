package dev.lanyard.tools.lab;

import dev.lanyard.dataplane.frame.MacAddress;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * LABS.md lab 3 built by hand with {@code ip}, as people do it today: host namespaces each with an {@code eth0} at
 * 172.17.0.(100+i)/16, the other veth ends in a switch namespace where the switch under test attaches to them.
 * Names carry a random prefix; {@link #close()} deletes every namespace it made, and with them every link. A copy of
 * the dataplane tests' fixture, so that tools needs no test-jar of dataplane.
 */
public final class HandLab implements AutoCloseable {
    private static final Pattern MAC = Pattern.compile("link/ether ([0-9a-f:]{17})");

    private final String prefix;
    private final List<String> namespaces = new ArrayList<>();
    private final int hosts;

    private HandLab(String prefix, int hosts) {
        this.prefix = prefix;
        this.hosts = hosts;
    }

    /** True when this process may create network namespaces (root, with ip available). */
    public static boolean canCreateNamespaces() {
        String probe = "ltprobe" + Integer.toHexString(new SecureRandom().nextInt(0x10000));
        try {
            return Cmd.run(10, "ip", "netns", "add", probe).ok();
        } finally {
            Cmd.run(10, "ip", "netns", "del", probe);
        }
    }

    /** A fresh random prefix for names: "lt" and four hex digits. */
    public static String newPrefix() {
        return String.format("lt%04x", new SecureRandom().nextInt(0x10000));
    }

    /** Builds the lab with {@code hosts} hosts. On any failure, removes what it made and rethrows. */
    public static HandLab build(int hosts) {
        HandLab lab = new HandLab(newPrefix(), hosts);
        try {
            lab.addNamespace(lab.switchNs());
            lab.sh("ip netns exec " + lab.switchNs() + " sysctl -qw net.ipv6.conf.all.disable_ipv6=1 "
                    + "net.ipv6.conf.default.disable_ipv6=1");
            for (int i = 1; i <= hosts; i++) {
                lab.addNamespace(lab.hostNs(i));
                Cmd.check("ip", "link", "add", "eth0", "netns", lab.hostNs(i), "type", "veth", "peer", "name",
                        lab.switchEnd(i), "netns", lab.switchNs());
                Cmd.check("ip", "-n", lab.hostNs(i), "addr", "add", lab.ip(i) + "/16", "dev", "eth0");
                Cmd.check("ip", "-n", lab.hostNs(i), "link", "set", "eth0", "up");
                Cmd.check("ip", "-n", lab.switchNs(), "link", "set", lab.switchEnd(i), "up");
            }
            lab.waitForCarrier();
            return lab;
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    /** Waits (up to 5 s) until every link reports carrier: the kernel's linkwatch lags "ip link set up". */
    public void waitForCarrier() {
        long deadline = System.currentTimeMillis() + 5_000;
        for (int i = 1; i <= hosts; i++) {
            while (!Cmd.check("ip", "-n", switchNs(), "-o", "link", "show", switchEnd(i)).out().contains("LOWER_UP")
                    || !Cmd.check("ip", "-n", hostNs(i), "-o", "link", "show", "eth0").out().contains("LOWER_UP")) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("no carrier on " + switchEnd(i) + " after 5 s");
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private void addNamespace(String ns) {
        Cmd.check("ip", "netns", "add", ns);
        namespaces.add(ns);
        Cmd.check("ip", "-n", ns, "link", "set", "lo", "up");
    }

    /** The random name prefix. */
    public String prefix() {
        return prefix;
    }

    /** Number of hosts. */
    public int hosts() {
        return hosts;
    }

    /** The switch's namespace, where the switch-side ends live. */
    public String switchNs() {
        return prefix + "-sw";
    }

    /** Host i's namespace (1-based). */
    public String hostNs(int i) {
        return prefix + "-h" + i;
    }

    /** The switch-side end of host i's link. */
    public String switchEnd(int i) {
        return prefix + "s" + i;
    }

    /** Host i's address. */
    public String ip(int i) {
        return "172.17.0." + (100 + i);
    }

    /** The bind-mount path of a namespace. */
    public static String nsPath(String ns) {
        return "/run/netns/" + ns;
    }

    /** Host i's eth0 MAC. */
    public long mac(int i) {
        String out = Cmd.check("ip", "-n", hostNs(i), "-o", "link", "show", "eth0").out();
        Matcher m = MAC.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no MAC in: " + out);
        }
        return MacAddress.parse(m.group(1));
    }

    /** Runs a command inside a namespace. */
    public Cmd.Result exec(String ns, String... argv) {
        return exec(60, ns, argv);
    }

    /** Runs a command inside a namespace with a time limit. */
    public Cmd.Result exec(int seconds, String ns, String... argv) {
        String[] full = new String[argv.length + 4];
        full[0] = "ip";
        full[1] = "netns";
        full[2] = "exec";
        full[3] = ns;
        System.arraycopy(argv, 0, full, 4, argv.length);
        return Cmd.run(seconds, full);
    }

    /** Starts a command inside a namespace in the background. */
    public Cmd.Running start(String ns, String... argv) {
        String[] full = new String[argv.length + 4];
        full[0] = "ip";
        full[1] = "netns";
        full[2] = "exec";
        full[3] = ns;
        System.arraycopy(argv, 0, full, 4, argv.length);
        return Cmd.start(full);
    }

    /** Runs a shell line, failing on a non-zero exit. */
    public void sh(String line) {
        Cmd.sh(line).check();
    }

    /** Pings from host {@code from} to an address; true when all replies came back. */
    public boolean ping(String fromNs, String address, int count) {
        return exec(count + 5, fromNs, "ping", "-q", "-c", String.valueOf(count), "-i", "0.2", "-W", "2", address)
                .ok();
    }

    /** Deletes every namespace this lab made (and so every link in them), whatever else failed. */
    @Override
    public void close() {
        for (int i = namespaces.size() - 1; i >= 0; i--) {
            Cmd.run(20, "ip", "netns", "del", namespaces.get(i));
        }
        namespaces.clear();
    }
}
