package dev.lanyard.control.daemon;

import dev.lanyard.dataplane.Switch;
import dev.lanyard.dataplane.SwitchConfig;
import dev.lanyard.dataplane.forward.PortSettings;
import dev.lanyard.dataplane.linux.NetnsExec;
import dev.lanyard.dataplane.port.Port;
import dev.lanyard.dataplane.port.PortKind;
import dev.lanyard.dataplane.port.packet.PacketPortConfig;
import dev.lanyard.dataplane.port.packet.VethPort;
import dev.lanyard.dataplane.port.tap.TapPort;
import dev.lanyard.dataplane.worker.Dataplane;
import dev.lanyard.dataplane.worker.DataplaneOptions;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One running switch of a daemon: the switch, its workers, and how each of its ports was opened. Port changes are
 * serialized here; forwarding goes on in the workers meanwhile.
 */
public final class SwitchRuntime implements AutoCloseable {
    private final Switch sw;
    private final Dataplane dataplane;
    /**
     * Threads opening ports at once. Setting up a packet ring waits for an RCU grace period (synchronize_net in
     * packet_set_ring); the threads mostly wait, and the more wait together, the more grace periods are shared.
     */
    private static final int OPEN_THREADS = 64;

    private final PacketPortConfig packetConfig;
    private final Map<String, PortSpec> specs = new LinkedHashMap<>();
    private final Map<String, String> missing = new LinkedHashMap<>();
    /** Sockets of veth ports made ahead of their interfaces, by port name; taken when the port is opened. */
    private final Map<String, Future<VethPort.Prepared>> prepared = new ConcurrentHashMap<>();
    private ExecutorService preparing;

    /** Starts a switch with no ports. */
    public SwitchRuntime(SwitchConfig config, PacketPortConfig packetConfig, DataplaneOptions options) {
        this.sw = new Switch(config);
        this.dataplane = new Dataplane(sw, options);
        this.packetConfig = packetConfig;
    }

    /** The switch. */
    public Switch sw() {
        return sw;
    }

    /** Its workers. */
    public Dataplane dataplane() {
        return dataplane;
    }

    /** The switch's name. */
    public String name() {
        return sw.name();
    }

    /** Opens and attaches a port. A port that cannot be opened now is remembered as missing and the error thrown. */
    public synchronized int attach(PortSpec spec) throws IOException {
        if (specs.containsKey(spec.name()) && dataplane.indexOf(spec.name()) >= 0) {
            throw new IllegalArgumentException("switch " + name() + " already has a port named " + spec.name());
        }
        specs.put(spec.name(), spec);
        return reopen(spec);
    }

    private int reopen(PortSpec spec) throws IOException {
        Port port;
        try {
            port = open(spec);
        } catch (IOException | RuntimeException e) {
            missing.put(spec.name(), e.getMessage());
            throw e;
        }
        try {
            int index = dataplane.attach(port, spec.settings());
            missing.remove(spec.name());
            return index;
        } catch (IOException | RuntimeException e) {
            port.close();
            missing.put(spec.name(), e.getMessage());
            throw e;
        }
    }

    private Port open(PortSpec spec) throws IOException {
        String path = spec.netns().isEmpty() ? null : NetnsExec.pathOf(spec.netns());
        if (spec.kind() == PortKind.VETH) {
            Future<VethPort.Prepared> ahead = prepared.remove(spec.name());
            if (ahead != null) {
                VethPort.Prepared sockets = null;
                try {
                    sockets = ahead.get();
                } catch (ExecutionException | InterruptedException e) {
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                    }
                    // Made ahead or not, the port is opened the ordinary way below.
                }
                if (sockets != null) {
                    return sockets.bind(spec.name());
                }
            }
            return VethPort.open(spec.name(), path, sw.workers(), packetConfig);
        }
        if (spec.kind() == PortKind.TAP || spec.kind() == PortKind.INTERNAL) {
            return TapPort.open(spec.name(), path, spec.kind(), sw.workers());
        }
        throw new IllegalArgumentException("a switch cannot open a port of kind " + spec.kind().label());
    }

    /**
     * Starts making the sockets of these veth ports (in their namespaces) on background threads, before their
     * interfaces exist: opening them later only binds. The rest of a port's opening waits for its interface.
     */
    public synchronized void prepare(List<PortSpec> ports) {
        List<PortSpec> veths = ports.stream().filter(p -> p.kind() == PortKind.VETH).toList();
        if (veths.isEmpty()) {
            return;
        }
        if (preparing == null) {
            preparing = Executors.newFixedThreadPool(Math.min(OPEN_THREADS, veths.size()), r -> {
                Thread t = new Thread(r, "lanyard-prepare");
                t.setDaemon(true);
                return t;
            });
        }
        for (PortSpec spec : veths) {
            String path = spec.netns().isEmpty() ? null : NetnsExec.pathOf(spec.netns());
            prepared.put(spec.name(), preparing.submit(() -> VethPort.prepare(path, sw.workers(), packetConfig,
                    spec.name())));
        }
    }

    /**
     * Opens many ports at once on parallel threads (opening is mostly waiting on the kernel: sockets, rings,
     * entering namespaces), then attaches them in order. Returns the specs that could not be attached, with why.
     */
    public synchronized Map<PortSpec, String> attachAll(List<PortSpec> all) {
        Map<PortSpec, Future<Port>> opening = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(OPEN_THREADS, Math.max(1, all.size())), r -> {
            Thread t = new Thread(r, "lanyard-open");
            t.setDaemon(true);
            return t;
        });
        Map<PortSpec, String> failed = new LinkedHashMap<>();
        try {
            for (PortSpec spec : all) {
                specs.put(spec.name(), spec);
                opening.put(spec, pool.submit(() -> open(spec)));
            }
            List<PortSpec> opened = new ArrayList<>();
            List<Port> ports = new ArrayList<>();
            List<PortSettings> settings = new ArrayList<>();
            for (Map.Entry<PortSpec, Future<Port>> e : opening.entrySet()) {
                PortSpec spec = e.getKey();
                try {
                    ports.add(e.getValue().get());
                    opened.add(spec);
                    settings.add(spec.settings());
                } catch (ExecutionException | InterruptedException ex) {
                    if (ex instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                    }
                    Throwable cause = ex instanceof ExecutionException ? ex.getCause() : ex;
                    missing.put(spec.name(), cause.getMessage());
                    failed.put(spec, cause.getMessage());
                }
            }
            // One hand-over to the workers for all of them (Dataplane.attachAll), not two round trips per port.
            List<Object> results = dataplane.attachAll(ports, settings);
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i) instanceof Exception ex) {
                    try {
                        ports.get(i).close();
                    } catch (IOException | RuntimeException again) {
                        ex.addSuppressed(again);
                    }
                    missing.put(opened.get(i).name(), ex.getMessage());
                    failed.put(opened.get(i), ex.getMessage());
                }
            }
            return failed;
        } finally {
            pool.shutdownNow();
            if (preparing != null && prepared.isEmpty()) {
                // Every socket made ahead is taken: its threads would otherwise idle for the daemon's life.
                stopPreparing();
            }
        }
    }

    /**
     * Closes a port whose interface went away, keeping how to open it: it is missing until it comes back. Returns
     * false when the port was not attached.
     */
    public synchronized boolean lose(String port, String why) {
        if (!specs.containsKey(port) || dataplane.indexOf(port) < 0) {
            return false;
        }
        missing.put(port, why);
        try {
            dataplane.detach(port);
        } catch (IOException | RuntimeException e) {
            missing.put(port, why + "; closing it failed: " + e.getMessage());
        }
        return true;
    }

    /** Opens a missing port again; true when it is attached now. */
    public synchronized boolean reopenIfMissing(String port) {
        PortSpec spec = specs.get(port);
        if (spec == null || !missing.containsKey(port)) {
            return false;
        }
        try {
            reopen(spec);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** A carrier change the kernel reported for an attached port. */
    public synchronized void carrier(String port, boolean up) {
        int index = dataplane.indexOf(port);
        if (index >= 0 && sw.ports().settings(index).enabled() && sw.ports().forwarding(index) != up) {
            sw.linkState(index, up);
        }
    }

    /** Detaches and closes a port, and forgets how to open it. */
    public synchronized void detach(String port) throws IOException {
        PortSpec spec = specs.remove(port);
        missing.remove(port);
        if (spec == null) {
            throw new IllegalArgumentException("switch " + name() + " has no port named " + port);
        }
        if (dataplane.indexOf(port) >= 0) {
            dataplane.detach(port);
        }
    }

    /** Changes a port's settings. */
    public synchronized void configure(String port, PortSettings settings) {
        PortSpec spec = specs.get(port);
        if (spec == null) {
            throw new IllegalArgumentException("switch " + name() + " has no port named " + port);
        }
        specs.put(port, spec.withSettings(settings));
        int index = dataplane.indexOf(port);
        if (index >= 0) {
            sw.configure(index, settings);
        }
    }

    /** How a port is opened, if the switch has it. */
    public synchronized Optional<PortSpec> spec(String port) {
        return Optional.ofNullable(specs.get(port));
    }

    /** Every port the switch should have, attached or not, in the order they were added. */
    public synchronized List<PortSpec> specs() {
        return new ArrayList<>(specs.values());
    }

    /** Why a port is not attached, or null when it is. */
    public synchronized String missingReason(String port) {
        return missing.get(port);
    }

    /** Tries again to attach ports that could not be opened; returns how many came back. */
    public synchronized int retryMissing() {
        int back = 0;
        for (String name : new ArrayList<>(missing.keySet())) {
            try {
                reopen(specs.get(name));
                back++;
            } catch (IOException | RuntimeException e) {
                // Still missing; the reason is recorded.
            }
        }
        return back;
    }

    @Override
    public void close() throws IOException {
        beginClose().await();
    }

    /** Stops switching at once; the ports finish closing in the background (see {@link Dataplane#beginClose}). */
    Dataplane.Closing beginClose() {
        closePrepared();
        return dataplane.beginClose();
    }

    /**
     * Closes sockets made ahead for ports that were never opened, in parallel (each waits for a grace period), and
     * waits for that: left to the process's exit, they would be closed one after another.
     */
    private synchronized void closePrepared() {
        if (preparing == null) {
            return;
        }
        List<Future<VethPort.Prepared>> left = new ArrayList<>(prepared.values());
        prepared.clear();
        List<Thread> closers = new ArrayList<>();
        for (Future<VethPort.Prepared> f : left) {
            Thread t = new Thread(() -> {
                try {
                    f.get().close();
                } catch (ExecutionException | InterruptedException e) {
                    // Nothing was made.
                }
            }, "lanyard-unprepare");
            t.setDaemon(true);
            t.start();
            closers.add(t);
        }
        for (Thread t : closers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        stopPreparing();
    }

    /** Lets the threads that make sockets ahead finish and end; a later {@link #prepare} starts new ones. */
    private void stopPreparing() {
        preparing.shutdown();
        preparing = null;
    }
}
