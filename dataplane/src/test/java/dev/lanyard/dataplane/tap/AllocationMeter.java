package dev.lanyard.dataplane.tap;

import java.lang.management.ManagementFactory;

/** Bytes the current thread allocates while running a task: for "allocates nothing per frame" claims. */
final class AllocationMeter {
    private AllocationMeter() {
    }

    /**
     * Runs the task ten times to warm up, then returns the least any of three more runs allocated: a task that
     * allocates per frame allocates in every run, while the JIT's tier changes now and then allocate once.
     */
    static long bytesAllocatedBy(Runnable task) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int k = 0; k < 10; k++) {
            task.run();
        }
        long least = Long.MAX_VALUE;
        for (int k = 0; k < 3; k++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            task.run();
            least = Math.min(least, threads.getCurrentThreadAllocatedBytes() - before);
        }
        return least;
    }
}
