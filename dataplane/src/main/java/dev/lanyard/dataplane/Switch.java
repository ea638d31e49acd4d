package dev.lanyard.dataplane;

import dev.lanyard.dataplane.counter.PortStats;
import dev.lanyard.dataplane.counter.WorkerCounters;
import dev.lanyard.dataplane.fdb.Filter;
import dev.lanyard.dataplane.fdb.MacTable;
import dev.lanyard.dataplane.forward.PortSettings;
import dev.lanyard.dataplane.forward.PortTable;
import dev.lanyard.dataplane.latency.LatencyHistograms;
import dev.lanyard.dataplane.port.Port;
import dev.lanyard.dataplane.storm.LoopDetector;
import dev.lanyard.dataplane.tap.Taps;

import java.util.Arrays;

/**
 * A switch: its ports, MAC table and counters. Control threads change it through the methods here, which build and
 * publish a new {@link PortTable}; workers only read the published table, the MAC table, the running captures and
 * traces ({@link Taps}), and write their own counters and latency histograms. Threads are the business of whoever
 * runs the switch: see {@code dev.lanyard.dataplane.worker}.
 */
public final class Switch {
    private final SwitchConfig config;
    private final MacTable fdb;
    private final WorkerCounters[] counters;
    private final Taps taps;
    private final LatencyHistograms latency;
    private final LoopDetector loops;
    private final Object lock = new Object();
    private final Port[] ports;
    private final PortSettings[] settings;
    private final boolean[] linkUp;
    private final PortStats[] baselines;
    private int nextIndex;
    private volatile PortTable table = PortTable.EMPTY;

    /** A switch with no ports. */
    public Switch(SwitchConfig config) {
        this(config, new MacTable(config.fdbCapacity(), config.maxPorts()));
    }

    /** A switch over a given MAC table (tests and benchmarks use fixed hash seeds). */
    public Switch(SwitchConfig config, MacTable fdb) {
        this.config = config;
        this.fdb = fdb;
        fdb.agingMillis(config.agingMillis());
        this.counters = new WorkerCounters[config.workers()];
        for (int w = 0; w < counters.length; w++) {
            counters[w] = new WorkerCounters(config.maxPorts());
        }
        this.taps = new Taps(config.workers());
        this.latency = new LatencyHistograms(config.workers(), config.maxPorts());
        this.loops = new LoopDetector(config.name());
        this.ports = new Port[config.maxPorts()];
        this.settings = new PortSettings[config.maxPorts()];
        this.linkUp = new boolean[config.maxPorts()];
        this.baselines = new PortStats[config.maxPorts()];
    }

    /** The switch's name. */
    public String name() {
        return config.name();
    }

    /** How it was made. */
    public SwitchConfig config() {
        return config;
    }

    /** Number of workers. */
    public int workers() {
        return counters.length;
    }

    /** The MAC table. */
    public MacTable fdb() {
        return fdb;
    }

    /** The published port snapshot. */
    public PortTable ports() {
        return table;
    }

    /** A worker's own counters. */
    public WorkerCounters counters(int worker) {
        return counters[worker];
    }

    /** The captures and live traces, started and stopped here and read by the workers once per burst. */
    public Taps taps() {
        return taps;
    }

    /** Per-port histograms of the time frames spend in the switch. */
    public LatencyHistograms latency() {
        return latency;
    }

    /** The loop detector the workers share. */
    public LoopDetector loops() {
        return loops;
    }

    /**
     * Adds a port and returns its index. Indexes are handed out round-robin, so a removed port's index is not reused
     * until every other one has been; any table entries still naming the index are flushed first.
     */
    public int addPort(Port port, PortSettings portSettings) {
        synchronized (lock) {
            if (table.indexOf(port.name()) >= 0) {
                throw new IllegalArgumentException("switch " + name() + " already has a port named " + port.name());
            }
            int index = -1;
            for (int k = 0; k < ports.length; k++) {
                int candidate = (nextIndex + k) % ports.length;
                if (ports[candidate] == null) {
                    index = candidate;
                    break;
                }
            }
            if (index < 0) {
                throw new IllegalStateException("switch " + name() + " has no free port index (max "
                        + ports.length + ")");
            }
            nextIndex = (index + 1) % ports.length;
            // Entries a worker learned for the index's last port just before it went. An index never used (no
            // baseline yet: every port sets one) has none, and flushing scans the whole table: for each of a
            // hundred ports added at once to a table that hosts had already started to fill, that was most of the
            // time to attach them.
            if (baselines[index] != null && fdb.size() > 0) {
                fdb.flush(Filter.port(index));
            }
            baselines[index] = sum(index);
            latency.track(index);
            ports[index] = port;
            settings[index] = portSettings;
            linkUp[index] = port.linkUp();
            publish();
            return index;
        }
    }

    /**
     * Removes a port from the published table and flushes its table entries; returns it so the caller can close
     * it once no worker can be using it any more.
     */
    public Port removePort(int index) {
        synchronized (lock) {
            Port p = ports[index];
            if (p == null) {
                throw new IllegalArgumentException("switch " + name() + " has no port " + index);
            }
            ports[index] = null;
            settings[index] = null;
            publish();
            // A scan of the whole table: not for each of a switch's ports as it closes after one flush of them all.
            if (fdb.size() > 0) {
                fdb.flush(Filter.port(index));
            }
            return p;
        }
    }

    /** Changes a port's settings. */
    public void configure(int index, PortSettings portSettings) {
        synchronized (lock) {
            requirePort(index);
            settings[index] = portSettings;
            publish();
            if (!portSettings.enabled()) {
                fdb.flush(Filter.port(index).and(Filter.DYNAMIC));
            }
        }
    }

    /** Records a carrier change. A port going down loses its learned entries, as on the kernel bridge. */
    public void linkState(int index, boolean up) {
        synchronized (lock) {
            requirePort(index);
            if (linkUp[index] == up) {
                return;
            }
            linkUp[index] = up;
            publish();
            if (!up) {
                fdb.flush(Filter.port(index).and(Filter.DYNAMIC));
            }
        }
    }

    /** A port's counters summed over workers since it was added. */
    public PortStats stats(int index) {
        synchronized (lock) {
            requirePort(index);
            return sum(index).minus(baselines[index]);
        }
    }

    private PortStats sum(int index) {
        long[] sums = new long[WorkerCounters.STRIDE];
        for (WorkerCounters c : counters) {
            c.sumInto(index, sums);
        }
        return new PortStats(sums);
    }

    private void requirePort(int index) {
        if (index < 0 || index >= ports.length || ports[index] == null) {
            throw new IllegalArgumentException("switch " + name() + " has no port " + index);
        }
    }

    private void publish() {
        int n = 0;
        for (int i = 0; i < ports.length; i++) {
            if (ports[i] != null) {
                n = i + 1;
            }
        }
        table = new PortTable(Arrays.copyOf(ports, n), Arrays.copyOf(settings, n), Arrays.copyOf(linkUp, n),
                counters.length);
    }
}
