package dev.lanyard.dataplane.lab;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Blocking work for a test on a thread of its own. {@code CompletableFuture.supplyAsync} without an executor uses
 * the common fork-join pool, which on a 2-CPU machine has one worker from Java 25 on (Java 17 gave each task a
 * thread): two blocking tasks then run one after the other, and a reader draining one pipe can starve the other.
 */
public final class OwnThread {
    private OwnThread() {
    }

    /** Runs {@code task} on a new daemon thread named {@code name}. */
    public static <T> CompletableFuture<T> supply(String name, Supplier<T> task) {
        return CompletableFuture.supplyAsync(task, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            t.start();
        });
    }
}
