package dev.lanyard.bench.e2e;

import dev.lanyard.dataplane.linux.Errno;
import dev.lanyard.dataplane.linux.Sched;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU affinity of this JVM: every thread it has is pinned to one CPU (threads started later inherit it from
 * their creator), so the harness's own work (the UDP ping-pong, reading counters) stays on the hosts' core.
 */
final class Affinity {
    /** sizeof(cpu_set_t) in glibc: 1024 CPUs. */
    private static final int SET_BYTES = 128;
    /** errno.h ESRCH: no such process (here: the thread has ended). */
    private static final int ESRCH = 3;

    private Affinity() {
    }

    /** The calling thread's current mask. */
    static byte[] current() throws IOException {
        byte[] mask = new byte[SET_BYTES];
        if (Sched.sched_getaffinity(0, SET_BYTES, mask) != 0) {
            throw Errno.exception("sched_getaffinity", "this thread");
        }
        return mask;
    }

    /** The mask of one CPU. */
    static byte[] only(int cpu) {
        byte[] mask = new byte[SET_BYTES];
        mask[cpu / 8] = (byte) (1 << (cpu % 8));
        return mask;
    }

    /** Applies {@code mask} to every thread of this process. */
    static void applyToAllThreads(byte[] mask) throws IOException {
        List<Path> tasks;
        try (Stream<Path> s = Files.list(Path.of("/proc/self/task"))) {
            tasks = s.toList();
        }
        for (Path task : tasks) {
            int tid = Integer.parseInt(task.getFileName().toString());
            // A thread may end between the listing and the call (ESRCH): nothing to pin then.
            if (Sched.sched_setaffinity(tid, SET_BYTES, mask) != 0 && Errno.last() != ESRCH) {
                throw Errno.exception("sched_setaffinity", "thread " + tid);
            }
        }
    }
}
