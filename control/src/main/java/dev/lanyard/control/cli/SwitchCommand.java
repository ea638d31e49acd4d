package dev.lanyard.control.cli;

import dev.lanyard.dataplane.Switch;
import dev.lanyard.dataplane.SwitchConfig;
import dev.lanyard.dataplane.counter.PortCounter;
import dev.lanyard.dataplane.counter.PortStats;
import dev.lanyard.dataplane.forward.PortSettings;
import dev.lanyard.dataplane.linux.NetnsExec;
import dev.lanyard.dataplane.port.Port;
import dev.lanyard.dataplane.port.PortKind;
import dev.lanyard.dataplane.port.packet.PacketPortConfig;
import dev.lanyard.dataplane.port.packet.VethPort;
import dev.lanyard.dataplane.port.tap.TapPort;
import dev.lanyard.dataplane.worker.Dataplane;
import dev.lanyard.dataplane.worker.DataplaneOptions;
import dev.lanyard.tools.stats.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code lanyard switch IFNAME...}: one switch in the foreground over interfaces that already exist (made by hand
 * with ip, or by a benchmark script), until SIGINT or SIGTERM; prints its ports, and their counters on exit.
 */
@Command(name = "switch", mixinStandardHelpOptions = true,
        description = {"Run a switch in the foreground over existing interfaces until Ctrl-C or SIGTERM.",
            "Prints the ports when it starts forwarding and their counters when it stops."})
public final class SwitchCommand implements Callable<Integer> {
    @Parameters(paramLabel = "IFNAME", arity = "1..*", description = "Interfaces to switch between (veth ends, or "
            + "any Ethernet interface).")
    private List<String> interfaces;

    @Option(names = "--name", defaultValue = "lanyard", description = "Switch name (default: ${DEFAULT-VALUE}).")
    private String name;

    @Option(names = "--netns", description = "Network namespace the interfaces are in (default: this one).")
    private String netns;

    @Option(names = "--internal", paramLabel = "TAP", description = "Also add an internal TAP port of this name, "
            + "left in the namespace for an address, as docker0 is.")
    private String internal;

    @Option(names = "--workers", defaultValue = "1", description = "Worker threads (default: ${DEFAULT-VALUE}).")
    private int workers;

    @Option(names = "--busy-poll", description = "Workers spin instead of sleeping: lower latency, a core each.")
    private boolean busyPoll;

    @Option(names = "--spin-us", paramLabel = "MICROS", description = "Without --busy-poll: how long a worker keeps "
            + "polling after its last frame before it sleeps (default: ${DEFAULT-VALUE}; 0 sleeps at once).")
    private int spinMicros = DataplaneOptions.DEFAULT_SPIN_MICROS;

    @Option(names = "--qdisc-bypass", description = "PACKET_QDISC_BYPASS on transmit (benchmarks only: hides our "
            + "frames from tcpdump on the port and drops more under load).")
    private boolean qdiscBypass;

    @Option(names = "--no-offload", description = "No PACKET_VNET_HDR: hosts must turn their offloads off.")
    private boolean noOffload;

    @Option(names = "--fdb-size", defaultValue = "65536", description = "MAC table entries (default: "
            + "${DEFAULT-VALUE}).")
    private int fdbSize;

    @Option(names = "--aging", defaultValue = "300", description = "Ageing time in seconds, 0 for never (default: "
            + "${DEFAULT-VALUE}).")
    private long agingSeconds;

    @Option(names = {"-v", "--verbose"}, description = "Log more.")
    private boolean verbose;

    @Override
    public Integer call() throws Exception {
        Logging.toStderr(verbose);
        SwitchConfig cfg = new SwitchConfig(name, workers, SwitchConfig.DEFAULT_MAX_PORTS, fdbSize,
                agingSeconds * 1000);
        PacketPortConfig ports = PacketPortConfig.DEFAULT.withQdiscBypass(qdiscBypass).withVnetHeader(!noOffload);
        Switch sw = new Switch(cfg);
        Dataplane dp = new Dataplane(sw, DataplaneOptions.defaults(name).withBusyPoll(busyPoll)
                .withSpinMicros(spinMicros));
        String nsPath = netns == null ? null : NetnsExec.pathOf(netns);
        PrintStream out = System.out;
        try {
            for (String ifname : interfaces) {
                dp.attach(VethPort.open(ifname, nsPath, workers, ports), PortSettings.DEFAULT);
            }
            if (internal != null) {
                dp.attach(TapPort.open(internal, nsPath, PortKind.INTERNAL, workers), PortSettings.DEFAULT);
            }
        } catch (Exception e) {
            dp.close();
            throw e;
        }
        out.print(describe(sw, dp));
        out.println("forwarding; Ctrl-C to stop");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.print(counters(sw, dp));
            out.flush();
            try {
                dp.close();
            } catch (Exception e) {
                System.err.println("lanyard switch: closing: " + e.getMessage());
            }
            stopped.countDown();
            // Stopped as asked (Ctrl-C, SIGTERM): that is success, not death by signal (143).
            Runtime.getRuntime().halt(0);
        }, "lanyard-shutdown"));
        stopped.await();
        return 0;
    }

    static String describe(Switch sw, Dataplane dp) {
        TextTable t = new TextTable("port", "name", "kind", "where", "worker", "mtu");
        for (String n : dp.portNames()) {
            int i = dp.indexOf(n);
            Port p = sw.ports().port(i);
            t.row(i, n, p.kind().label(), p.location().isEmpty() ? "-" : p.location(), dp.workerOf(n),
                    p.maxFrameLength() - 18);
        }
        return "switch " + sw.name() + ": " + t.size() + " ports, " + sw.workers() + " worker"
                + (sw.workers() == 1 ? "" : "s") + "\n" + t.render();
    }

    static String counters(Switch sw, Dataplane dp) {
        TextTable t = new TextTable("port", "name", "rx", "tx", "unicast", "flooded", "rx_drops", "tx_drops",
                "drop reasons");
        for (String n : dp.portNames()) {
            int i = dp.indexOf(n);
            PortStats s = sw.stats(i);
            StringBuilder reasons = new StringBuilder();
            s.dropsByReason().forEach((r, c) -> reasons.append(reasons.length() == 0 ? "" : " ")
                    .append(r.key()).append('=').append(c));
            t.row(i, n, s.get(PortCounter.RX_FRAMES), s.get(PortCounter.TX_FRAMES), s.get(PortCounter.UNICAST),
                    s.get(PortCounter.FLOODED), s.get(PortCounter.RX_DROPS), s.get(PortCounter.TX_DROPS),
                    reasons.length() == 0 ? "-" : reasons);
        }
        return "switch " + sw.name() + " counters\n" + t.render();
    }
}
