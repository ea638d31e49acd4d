package dev.lanyard.bench.e2e.system;

import java.io.IOException;

/**
 * One system under test: something that joins the lab's hosts (Lanyard, the kernel bridge, Open vSwitch), or
 * nothing at all (a bare veth pair). A system attaches to the switch ports in {@link #start()} and lets go of them
 * in {@link #stop()}, so the next system finds the lab as it was.
 */
public interface SwitchSystem {
    /** The name used on the command line and in reports: lanyard, bridge, ovs, direct. */
    String name();

    /** Attaches to the lab and returns once it forwards. */
    void start() throws IOException, InterruptedException;

    /**
     * Detaches and removes what {@link #start()} made; returns what the switch reported about itself on the way
     * (counters, drops), or an empty string. Safe to call when start failed half-way, and twice.
     */
    String stop() throws IOException, InterruptedException;

    /** The process whose CPU time is the switch's, or -1 when the switch is kernel code (counted by its core). */
    long cpuPid();

    /** The way tests reach across this system. */
    TestPath path();

    /** Whether frames pass through a switch (false for the bare pair: no flooding, no switch CPU). */
    boolean switched();

    /** Whether the switch ports' receive work must be steered (RPS) to the switch core for this system to run there. */
    boolean needsPortRps();

    /** Where this system's work runs, for the report. */
    String placement();
}
