package dev.lanyard.bench.e2e;

import dev.lanyard.bench.e2e.lab.Lab;

import java.util.ArrayList;
import java.util.List;

/** The report's account of how each figure was measured and what ran where. */
final class MethodNotes {
    private MethodNotes() {
    }

    static List<String> placement(BenchConfig cfg, List<String> systemLines) {
        int host = BenchConfig.HOST_CPU;
        int sw = BenchConfig.SWITCH_CPU;
        List<String> p = new ArrayList<>();
        p.add("CPU " + host + " (hosts): trafgen, the iperf3 client and server, ping, and this harness's JVM with its "
                + "UDP ping-pong threads, all pinned with taskset or sched_setaffinity; RPS of the hosts' eth0 and "
                + "eth1 to CPU " + host + " (rps_cpus " + Lab.cpuMask(host) + "), so receiving stays on this core");
        p.add("CPU " + sw + " (switch): " + (cfg.portRps().equals("all")
                ? "RPS of the switch ports sw-h1..sw-h3 to CPU " + sw + " (rps_cpus " + Lab.cpuMask(sw) + ") for every "
                + "switched system, so the kernel's receive work on the switch ports (the whole kernel bridge; up to "
                + "the AF_PACKET socket for Lanyard and OVS) runs on the switch core too"
                : "RPS of the switch ports to CPU " + sw + " only for the kernel bridge; for Lanyard and OVS the "
                + "ports' receive softirq runs on the sending host's core (--port-rps bridge)"));
        p.addAll(systemLines);
        return p;
    }

    static List<String> method(BenchConfig cfg) {
        List<String> n = new ArrayList<>();
        n.add("Lab: LABS.md lab 3, hosts h1..h3 (eth0 172.17.0.101..103/16) on veth pairs whose other ends "
                + "sw-h1..sw-h3 sit in a switch namespace; systems attach to those ends one after another. `direct` "
                + "is a second veth pair eth1 between h1 and h2 (172.18.0.1/24, .2). IPv6 is off in every namespace.");
        n.add("Order: in each round every system runs every test; the order of systems rotates by round. Tables show "
                + "per system the median over rounds; results.json keeps every round's value.");
        n.add("Warm-up: after attaching, " + fmt(cfg.warmupSeconds()) + " s of 64 B frames through each system "
                + "(the JIT of the Lanyard JVM, OVS's flow cache), unmeasured.");
        n.add("Latency: UDP ping-pong of this harness, echo in h2, client in h1, one datagram of 32 bytes outstanding, "
                + "max(2000, half as many) unrecorded round trips first (the JIT compiles the loop meanwhile), "
                + "then " + cfg.latencySamples() + " recorded in an HdrHistogram (ns); a datagram unanswered after "
                + "200 ms is resent and counted lost. ping: " + cfg.pingCount() + " × `ping -i 0.01`.");
        n.add("TCP: iperf3 -c from h1 to a server in h2, " + cfg.tcpSeconds() + " s" + (cfg.tcpOmitSeconds() > 0
                ? " after " + cfg.tcpOmitSeconds() + " s left out (-O)" : "") + ", 1 and 4 streams (-P); the figure "
                + "is what the receiver got. \"tx offloads off\" is `ethtool -K eth0 tx off` on h1 and h2, which "
                + "turns TSO off with it (the frames are MTU-sized and checksummed in software); restored afterwards.");
        n.add("Frame rate: trafgen in h1 (-t 0: one blocking sendto per frame; its TX-ring path aborts with EAGAIN "
                + "once the switch port's backlog holds more than the default socket send buffer, and that buffer can "
                + "only be raised machine-wide) sends one frame over and over: \"64 B\" is the minimum Ethernet frame, "
                + "sent as 60 bytes since a veth carries no FCS; 1514 B is a full untagged frame without FCS. "
                + "EtherType 0x88B5 (local experimental), so receivers drop the frames at once and nothing answers. "
                + "Unicast goes to h2's MAC after h2 pinged h1 (the switch has learned it); flooding goes to "
                + "02:be:ef:00:00:01, which no host has, and must reach h2 and h3.");
        n.add("Frame counts are the kernel's interface counters over a " + fmt(cfg.durationSeconds()) + " s window "
                + "that opens " + fmt(cfg.rampSeconds()) + " s after trafgen starts: offered = h1's tx_packets + "
                + "tx_dropped; delivered = h2's (for flooding: h2's and h3's, per receiver) rx_packets; loss = "
                + "1 - delivered / offered. \"Refused at switch port backlog\" is h1's tx_dropped (the switch port's "
                + "receive backlog was full), \"refused at receiver backlog\" the switch ports' tx_dropped towards the "
                + "receivers; the rest of the loss happened inside the switch (for Lanyard: its RX ring was full, "
                + "the kernel-rx drop reason in its counters). Frames in flight at the window's edges can make a "
                + "loss slightly negative.");
        n.add("CPU: \"switch process CPU\" is utime+stime of the switch process (lanyard's JVM, ovs-vswitchd) from "
                + "/proc/PID/stat and, for the bridge, the busy time of the switch core; \"switch core busy\" is the "
                + "switch core's busy time for every system, which also holds the softirq work RPS sends there and "
                + "whatever else the shared machine ran on it. A core's busy time is the wall time minus the idle "
                + "time /proc/stat gives for it: the kernel clocks idle periods exactly but only samples busy time "
                + "with the tick, and misses most of the short softirq bursts a kernel bridge runs between idle "
                + "periods (here the sampled ticks of the bridge's core fell short of the wall time by half). Both "
                + "per million frames delivered, so a switch that drops more pays more per frame; /proc counts in "
                + "1/100 s ticks.");
        return n;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
