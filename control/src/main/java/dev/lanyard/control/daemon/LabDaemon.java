package dev.lanyard.control.daemon;

import dev.lanyard.control.topology.Layout;
import dev.lanyard.control.topology.LinkKind;
import dev.lanyard.control.topology.ApiTcp;
import dev.lanyard.control.topology.Topology;
import dev.lanyard.dataplane.SwitchConfig;
import dev.lanyard.dataplane.forward.PortSettings;
import dev.lanyard.dataplane.port.PortKind;
import dev.lanyard.dataplane.port.packet.PacketPortConfig;
import dev.lanyard.dataplane.storm.StormControl;
import dev.lanyard.dataplane.worker.Dataplane;
import dev.lanyard.dataplane.worker.DataplaneOptions;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The running switches of one lab: one {@link SwitchRuntime} per switch of the topology, with the ports its layout
 * gives it (the switch-side veth ends, the gateway TAP, hosts' TAPs). A port that cannot be opened is kept as
 * missing, logged and retried; the others forward meanwhile.
 */
public final class LabDaemon implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LabDaemon.class.getName());

    private final String lab;
    private final ApiTcp apiTcp;
    private final Map<String, SwitchRuntime> switches = new LinkedHashMap<>();
    private final long startedMillis = System.currentTimeMillis();
    private final PortWatcher watcher = new PortWatcher(this);
    /** Ports of each switch not attached yet (between {@link #prepare} and {@link #attachPorts}). */
    private final Map<String, List<PortSpec>> pending = new LinkedHashMap<>();

    private LabDaemon(String lab, ApiTcp apiTcp) {
        this.lab = lab;
        this.apiTcp = apiTcp;
    }

    /** The loopback TCP listener the topology asks for besides the Unix socket, or null. */
    public ApiTcp apiTcp() {
        return apiTcp;
    }

    /** Starts every switch of a topology and attaches its ports. */
    public static LabDaemon start(Topology t, DataplaneOptions options) {
        LabDaemon d = prepare(t, options, false);
        d.attachPorts();
        return d;
    }

    /**
     * Starts every switch of a topology with no ports yet, and with {@code ahead} makes the sockets of its veth
     * ports in the background, so that {@link #attachPorts} (once the lab's links exist) only binds them. This is
     * how {@code lanyard up} overlaps the kernel's grace periods of opening a hundred ports with building the lab.
     */
    public static LabDaemon prepare(Topology t, DataplaneOptions options, boolean ahead) {
        LabDaemon d = new LabDaemon(t.lab(), t.apiTcp());
        Layout layout = Layout.of(t);
        try {
            for (dev.lanyard.control.topology.Switch s : t.switches()) {
                SwitchConfig cfg = new SwitchConfig(s.name(), s.workers(), SwitchConfig.DEFAULT_MAX_PORTS,
                        s.macTableSize(), s.agingSeconds() * 1000L);
                List<Layout.Link> links = layout.portsOf(s.name());
                SwitchRuntime rt = new SwitchRuntime(cfg,
                        PacketPortConfig.DEFAULT.withRxBlocks(rxBlocks(links.size())),
                        new DataplaneOptions(options.busyPoll(), "lanyard-" + s.name()));
                d.switches.put(s.name(), rt);
                List<PortSpec> specs = new ArrayList<>();
                for (Layout.Link link : links) {
                    specs.add(spec(link));
                }
                d.pending.put(s.name(), specs);
                if (ahead) {
                    rt.prepare(specs);
                }
            }
        } catch (RuntimeException e) {
            try {
                d.close();
            } catch (IOException | RuntimeException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
        return d;
    }

    /** Attaches the ports of a {@link #prepare prepared} daemon and starts watching their links. */
    public void attachPorts() {
        for (Map.Entry<String, List<PortSpec>> e : pending.entrySet()) {
            long start = System.nanoTime();
            SwitchRuntime rt = switches.get(e.getKey());
            rt.attachAll(e.getValue()).forEach((spec, why) -> LOG.warning("switch " + rt.name() + ": port "
                    + spec.name() + " not attached: " + why));
            LOG.info("switch " + rt.name() + " of lab " + lab + " started with " + rt.specs().size() + " ports in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms");
            for (PortSpec spec : e.getValue()) {
                watch(spec.netns());
            }
        }
        pending.clear();
    }

    /**
     * RX ring blocks (1 MiB, 15 slots of 68 KiB each) per port: 8 for a switch of up to 8 ports, fewer for more
     * ports, so that a 100-host star does not pin 800 MB of kernel memory; at least 1.
     */
    static int rxBlocks(int ports) {
        return Math.max(1, Math.min(8, 64 / Math.max(1, ports)));
    }

    private static PortSpec spec(Layout.Link link) {
        Layout.Device dev = link.portDevice();
        PortKind kind;
        if (dev.role() == Layout.Role.GATEWAY) {
            kind = PortKind.INTERNAL;
        } else if (link.kind() == LinkKind.TAP) {
            kind = PortKind.TAP;
        } else {
            kind = PortKind.VETH;
        }
        dev.lanyard.control.topology.PortSettings t = link.settings();
        PortSettings settings = t == null ? PortSettings.DEFAULT
                : new PortSettings(t.learning(), t.flood(), t.isolated(), t.macLimit(), true,
                        stormControl(t.stormControl()));
        return new PortSpec(dev.name(), kind, dev.namespace(), settings);
    }

    private static StormControl stormControl(dev.lanyard.control.topology.StormControl t) {
        return new StormControl(rate(t.broadcast()), rate(t.multicast()), rate(t.unknownUnicast()), t.burst());
    }

    private static long rate(int topologyRate) {
        return topologyRate == dev.lanyard.control.topology.StormControl.UNLIMITED ? StormControl.UNLIMITED
                : topologyRate;
    }

    /** Follows the links of a namespace where ports live, so that vanished ports close and come back. */
    public void watch(String netns) {
        watcher.watch(netns);
    }

    /** The lab's name. */
    public String lab() {
        return lab;
    }

    /** When the daemon started, in epoch milliseconds. */
    public long startedMillis() {
        return startedMillis;
    }

    /** The switches, in topology order. */
    public Collection<SwitchRuntime> switches() {
        return switches.values();
    }

    /** A switch by name. */
    public Optional<SwitchRuntime> sw(String name) {
        return Optional.ofNullable(switches.get(name));
    }

    /** Ports that should be attached and are not, as "switch/port: reason". */
    public List<String> missing() {
        List<String> out = new ArrayList<>();
        for (SwitchRuntime rt : switches.values()) {
            for (PortSpec p : rt.specs()) {
                String why = rt.missingReason(p.name());
                if (why != null) {
                    out.add(rt.name() + "/" + p.name() + ": " + why);
                }
            }
        }
        return out;
    }

    /** Tries to attach missing ports again; returns how many came back. */
    public int retryMissing() {
        int n = 0;
        for (SwitchRuntime rt : switches.values()) {
            n += rt.retryMissing();
        }
        return n;
    }

    /** Stops the switches and closes their ports. */
    @Override
    public void close() throws IOException {
        beginClose().run();
    }

    /**
     * Stops watching and switching at once and leaves the ports closing in the background (each close waits for an
     * RCU grace period in the kernel); running the result waits for them and throws the first failure.
     */
    public IoAction beginClose() {
        watcher.close();
        List<Dataplane.Closing> closing = new ArrayList<>();
        for (SwitchRuntime rt : switches.values()) {
            closing.add(rt.beginClose());
        }
        return () -> {
            IOException first = null;
            for (Dataplane.Closing c : closing) {
                try {
                    c.await();
                } catch (IOException e) {
                    if (first == null) {
                        first = e;
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        };
    }

    /** Work that may fail with an I/O error. */
    @FunctionalInterface
    public interface IoAction {
        /** Does it. */
        void run() throws IOException;
    }
}
