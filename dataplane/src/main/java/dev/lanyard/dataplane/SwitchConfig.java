package dev.lanyard.dataplane;

import dev.lanyard.dataplane.fdb.MacTable;

/**
 * What a switch is made with: its name, the number of workers, the largest number of ports, the MAC table's
 * capacity and the ageing time.
 *
 * @param name          the switch's name
 * @param workers       worker threads (each owns its TX queues)
 * @param maxPorts      port indexes run from 0 to maxPorts - 1
 * @param fdbCapacity   MAC table entries
 * @param agingMillis   ageing time, 0 for never
 */
public record SwitchConfig(String name, int workers, int maxPorts, int fdbCapacity, long agingMillis) {
    /** Default largest number of ports. */
    public static final int DEFAULT_MAX_PORTS = 1024;

    /** Checks the values. */
    public SwitchConfig {
        if (workers < 1 || workers > 64) {
            throw new IllegalArgumentException("workers must be between 1 and 64, not " + workers);
        }
        if (maxPorts < 1 || maxPorts > MacTable.MAX_PORT + 1) {
            throw new IllegalArgumentException("maxPorts must be between 1 and " + (MacTable.MAX_PORT + 1));
        }
    }

    /** One worker, 1024 ports, 64K entries, 300 s ageing. */
    public static SwitchConfig defaults(String name) {
        return new SwitchConfig(name, 1, DEFAULT_MAX_PORTS, MacTable.DEFAULT_CAPACITY, MacTable.DEFAULT_AGING_MILLIS);
    }

    /** A copy with another number of workers. */
    public SwitchConfig withWorkers(int n) {
        return new SwitchConfig(name, n, maxPorts, fdbCapacity, agingMillis);
    }

    /** A copy with another table capacity. */
    public SwitchConfig withFdbCapacity(int n) {
        return new SwitchConfig(name, workers, maxPorts, n, agingMillis);
    }

    /** A copy with another ageing time. */
    public SwitchConfig withAgingMillis(long ms) {
        return new SwitchConfig(name, workers, maxPorts, fdbCapacity, ms);
    }
}
