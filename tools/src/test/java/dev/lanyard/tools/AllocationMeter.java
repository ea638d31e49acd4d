package dev.lanyard.tools;

import java.lang.management.ManagementFactory;

/** Bytes the current thread allocates while running a task: for "allocates nothing per frame" claims. */
public final class AllocationMeter {
    private AllocationMeter() {
    }

    /** Runs the task once to warm up (class loading, first-call allocations), then measures a second run. */
    public static long bytesAllocatedBy(Runnable task) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        task.run();
        long before = threads.getCurrentThreadAllocatedBytes();
        task.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }
}
