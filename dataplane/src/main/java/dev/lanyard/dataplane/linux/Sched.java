package dev.lanyard.dataplane.linux;

import com.sun.jna.Native;

/** sched.h: namespaces and CPU affinity. */
public final class Sched {
    static {
        Native.register(Sched.class, Libc.NAME);
    }

    /** New network namespace. */
    public static final int CLONE_NEWNET = 0x40000000;
    /** New mount namespace. */
    public static final int CLONE_NEWNS = 0x00020000;

    private Sched() {
    }

    /** int setns(int fd, int nstype); */
    public static native int setns(int fd, int nstype);

    /** int unshare(int flags); */
    public static native int unshare(int flags);

    /**
     * int sched_setaffinity(pid_t pid, size_t cpusetsize, const cpu_set_t *mask); pid is a thread id (0: the
     * calling thread), the mask one bit per CPU, CPU 0 in the lowest bit of byte 0.
     */
    public static native int sched_setaffinity(int pid, long cpusetsize, byte[] mask);

    /** int sched_getaffinity(pid_t pid, size_t cpusetsize, cpu_set_t *mask); the mask as for sched_setaffinity. */
    public static native int sched_getaffinity(int pid, long cpusetsize, byte[] mask);
}
