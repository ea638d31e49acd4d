package dev.lanyard.bench.e2e.probe;

import dev.lanyard.bench.e2e.lab.Cleanup;
import dev.lanyard.bench.e2e.lab.Commands;
import dev.lanyard.bench.e2e.lab.Lab;
import dev.lanyard.bench.e2e.lab.NetDev;
import dev.lanyard.bench.e2e.lab.Proc;
import dev.lanyard.bench.e2e.system.TestPath;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Frame rate and loss: trafgen in the sender's namespace sends one frame over and over as fast as it can, and the
 * kernel's own interface counters say what was offered (the sender's tx_packets + tx_dropped) and what arrived
 * (the receivers' rx_packets), over a window that starts after a ramp-up; the switch's CPU time and each core's
 * busy share are read over the same window.
 *
 * <p>trafgen runs with {@code -t 0}: one blocking sendto() per frame. Its TX-ring path aborts on EAGAIN as soon
 * as more frames wait in the switch port's backlog than the sender's socket buffer holds, which RPS to another
 * core makes the rule, and the buffer (net.core.wmem_default) can only be raised machine-wide.
 */
public final class FrameRateProbe {
    /** A local experimental EtherType (IEEE 802): receivers drop such frames at once, nothing answers them. */
    static final int ETHERTYPE = 0x88b5;
    /** A unicast MAC no host has: the switch must flood it. */
    static final byte[] UNKNOWN_MAC = {0x02, (byte) 0xbe, (byte) 0xef, 0, 0, 0x01};

    private final Lab lab;
    private final CpuMeter meter;
    private final Path workDir;
    private final Cleanup cleanup;
    private final int hostCpu;
    private final int switchCpu;

    /** A probe for the run's lab; trafgen configurations go to {@code workDir}. */
    public FrameRateProbe(Lab lab, CpuMeter meter, Path workDir, Cleanup cleanup, int hostCpu, int switchCpu) {
        this.lab = lab;
        this.meter = meter;
        this.workDir = workDir;
        this.cleanup = cleanup;
        this.hostCpu = hostCpu;
        this.switchCpu = switchCpu;
    }

    /**
     * What one window measured.
     *
     * @param offeredPps          frames per second the sender put on its interface
     * @param deliveredPps        frames per second each receiver got (the mean over receivers)
     * @param lossPercent         share of offered frames that did not reach a receiver
     * @param switchCpuPerMframe  switch process CPU seconds per million frames delivered (NaN: no process)
     * @param switchCorePerMframe busy seconds of the switch core per million frames delivered
     * @param hostCoreBusy        busy share of the hosts' core, percent
     * @param switchCoreBusy      busy share of the switch core, percent
     * @param ingressDropPercent  offered frames the switch port's receive backlog refused (sender's tx_dropped)
     * @param egressDropPercent   offered frames the receivers' backlogs refused (the switch ports' tx_dropped)
     * @param trafgenSent         what trafgen says it sent in all (ramp-up and drain included), -1 if unknown
     */
    public record Result(double offeredPps, double deliveredPps, double lossPercent, double switchCpuPerMframe,
                         double switchCorePerMframe, double hostCoreBusy, double switchCoreBusy,
                         double ingressDropPercent, double egressDropPercent, long trafgenSent) {
    }

    /** The trafgen configuration of one frame: dst, src, EtherType, zero payload up to {@code size} bytes. */
    static String trafgenConfig(byte[] dst, byte[] src, int size) {
        StringBuilder b = new StringBuilder("{ ");
        for (byte x : dst) {
            b.append(String.format("0x%02x, ", x & 0xff));
        }
        for (byte x : src) {
            b.append(String.format("0x%02x, ", x & 0xff));
        }
        b.append(String.format("c16(0x%04x), fill(0x00, %d) }%n", ETHERTYPE, size - 14));
        return b.toString();
    }

    /**
     * Sends {@code size}-byte frames (without FCS) from the path's sender for a {@code rampSeconds} ramp-up and a
     * {@code seconds} window; to the receiver, or with {@code flood} to an unknown MAC that every flood receiver
     * must get. {@code switchPid} is the switch process, -1 when the switch is the kernel.
     */
    public Result run(TestPath path, int size, boolean flood, double seconds, double rampSeconds, long switchPid)
            throws IOException, InterruptedException {
        List<TestPath.Receiver> receivers = flood ? path.flood() : List.of(path.receiver());
        Path conf = workDir.resolve("trafgen-" + size + (flood ? "-flood" : "") + ".cfg");
        Files.writeString(conf, trafgenConfig(flood ? UNKNOWN_MAC : path.dstMac(), path.srcMac(), size));
        Proc trafgen = Proc.start("trafgen", Commands.inNamespace(path.srcNs(), hostCpu, "trafgen", "--dev",
                path.srcDev(), "--conf", conf.toString(), "--cpus", "1", "-t", "0", "--no-sock-mem", "-Q"), cleanup);
        Window w;
        try {
            Thread.sleep((long) (rampSeconds * 1000));
            checkAlive(trafgen);
            Snapshot before = snapshot(path, receivers, switchPid);
            Thread.sleep((long) (seconds * 1000));
            Snapshot after = snapshot(path, receivers, switchPid);
            checkAlive(trafgen);
            w = new Window(before, after);
        } finally {
            trafgen.close(Duration.ofSeconds(5));
        }
        return w.result(receivers.size(), switchPid,
                TrafgenSummary.packetsOutgoing(trafgen.output()).orElse(-1));
    }

    private static void checkAlive(Proc trafgen) throws IOException, InterruptedException {
        if (!trafgen.alive()) {
            trafgen.await(Duration.ofSeconds(2));
            throw new IOException("trafgen stopped: " + TrafgenSummary.failure(trafgen.output()));
        }
    }

    private record Snapshot(NetDev.Counters sender, List<NetDev.Counters> receivers, List<NetDev.Counters> egress,
                            CpuMeter.Reading cpu) {
    }

    private Snapshot snapshot(TestPath path, List<TestPath.Receiver> receivers, long pid) throws IOException {
        CpuMeter.Reading cpu = meter.read(pid);
        NetDev.Counters sender = lab.counters(path.srcNs(), path.srcDev());
        List<NetDev.Counters> rx = new ArrayList<>();
        for (TestPath.Receiver r : receivers) {
            rx.add(lab.counters(r.ns(), r.dev()));
        }
        List<NetDev.Counters> egress = new ArrayList<>();
        if (path.switchNs() != null) {
            var sw = lab.counters(path.switchNs());
            for (TestPath.Receiver r : receivers) {
                egress.add(sw.get(r.switchPort()));
            }
        }
        return new Snapshot(sender, rx, egress, cpu);
    }

    private final class Window {
        private final Snapshot a;
        private final Snapshot b;

        Window(Snapshot a, Snapshot b) {
            this.a = a;
            this.b = b;
        }

        Result result(int receivers, long pid, long sent) {
            double secs = (b.cpu().nanos() - a.cpu().nanos()) / 1e9;
            NetDev.Counters tx = b.sender().minus(a.sender());
            long offered = tx.txPackets() + tx.txDropped();
            long delivered = 0;
            for (int i = 0; i < receivers; i++) {
                delivered += b.receivers().get(i).minus(a.receivers().get(i)).rxPackets();
            }
            long egressDrops = 0;
            for (int i = 0; i < b.egress().size(); i++) {
                egressDrops += b.egress().get(i).minus(a.egress().get(i)).txDropped();
            }
            double mframes = delivered / 1e6;
            double loss = offered == 0 ? 100 : 100.0 * (1 - (double) delivered / ((double) offered * receivers));
            double procCpu = pid > 0 && mframes > 0 ? meter.processSeconds(a.cpu(), b.cpu()) / mframes : Double.NaN;
            double coreCpu = mframes > 0 ? meter.coreBusySeconds(a.cpu(), b.cpu(), switchCpu) / mframes : Double.NaN;
            double perOffered = offered == 0 ? 0 : 100.0 / ((double) offered * receivers);
            return new Result(offered / secs, delivered / secs / receivers, loss, procCpu, coreCpu,
                    100 * meter.busyShare(a.cpu(), b.cpu(), hostCpu),
                    100 * meter.busyShare(a.cpu(), b.cpu(), switchCpu),
                    offered == 0 ? 0 : 100.0 * tx.txDropped() / offered, egressDrops * perOffered, sent);
        }
    }
}
