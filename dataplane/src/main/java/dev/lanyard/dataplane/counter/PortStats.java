package dev.lanyard.dataplane.counter;

import dev.lanyard.dataplane.forward.DropReason;

import java.util.EnumMap;
import java.util.Map;

/** A port's counters summed over all workers at one moment. */
public final class PortStats {
    private final long[] values;

    /** Wraps sums laid out as {@link WorkerCounters} lays them out. */
    public PortStats(long[] values) {
        this.values = values.clone();
    }

    /** A named counter. */
    public long get(PortCounter counter) {
        return values[counter.ordinal()];
    }

    /** Drops for one reason. */
    public long drops(DropReason reason) {
        return values[PortCounter.count() + reason.ordinal()];
    }

    /** The non-zero drop reasons. */
    public Map<DropReason, Long> dropsByReason() {
        Map<DropReason, Long> m = new EnumMap<>(DropReason.class);
        for (DropReason r : DropReason.values()) {
            long n = drops(r);
            if (n != 0) {
                m.put(r, n);
            }
        }
        return m;
    }

    /** These counters less an earlier reading (for a port index that was used before). */
    public PortStats minus(PortStats base) {
        long[] d = new long[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i] - base.values[i];
        }
        return new PortStats(d);
    }
}
