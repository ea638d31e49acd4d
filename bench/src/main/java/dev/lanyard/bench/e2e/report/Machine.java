package dev.lanyard.bench.e2e.report;

import java.util.Map;

/**
 * The machine a run was measured on.
 *
 * @param cpuModel "Model name" from lscpu
 * @param cpus     CPUs online
 * @param kernel   the running kernel's release
 * @param java     the JVM running the harness (the Lanyard switch uses the same)
 * @param tools    versions of iperf3, trafgen, ovs-vswitchd
 * @param load     /proc/loadavg when the run started: the machine is shared
 */
public record Machine(String cpuModel, int cpus, String kernel, String java, Map<String, String> tools,
                      String load) {
    /** Copies the map. */
    public Machine {
        tools = Map.copyOf(tools);
    }
}
