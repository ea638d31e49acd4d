package dev.lanyard.dataplane.linux;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a task on a fresh thread that has entered a network namespace, so sockets it opens (AF_PACKET, netlink)
 * belong to that namespace for good. The thread dies afterwards, so no other code ever runs in the wrong namespace.
 */
public final class NetnsExec {
    /** Where iproute2 keeps named namespaces. */
    public static final String NETNS_RUN_DIR = "/run/netns";

    private NetnsExec() {
    }

    /** The path of a named namespace: /run/netns/NAME. */
    public static String pathOf(String name) {
        return NETNS_RUN_DIR + "/" + name;
    }

    /**
     * Calls {@code task} inside the namespace at {@code nsPath} (a /run/netns/NAME bind mount or /proc/PID/ns/net);
     * a null path means the caller's own namespace and the task runs right here.
     */
    public static <T> T call(String nsPath, Callable<T> task) throws IOException {
        if (nsPath == null) {
            return callUnchecked(task);
        }
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                int fd = Fcntl.openOrThrow(nsPath, Fcntl.O_RDONLY);
                try {
                    if (Sched.setns(fd, Sched.CLONE_NEWNET) != 0) {
                        throw Errno.exception("setns(CLONE_NEWNET)", nsPath);
                    }
                } finally {
                    Unistd.close(fd);
                }
                result.set(task.call());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "netns-exec");
        t.setDaemon(true);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while working in namespace " + nsPath, e);
        }
        Throwable e = failure.get();
        if (e instanceof IOException io) {
            throw io;
        }
        if (e instanceof RuntimeException re) {
            throw re;
        }
        if (e instanceof Error err) {
            throw err;
        }
        if (e != null) {
            throw new IOException(e.getMessage(), e);
        }
        return result.get();
    }

    private static <T> T callUnchecked(Callable<T> task) throws IOException {
        try {
            return task.call();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
