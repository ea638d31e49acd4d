package dev.lanyard.bench.e2e.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A long-running child process (a switch, a daemon, a server, a traffic generator) whose output, stdout and
 * stderr merged, is kept in memory line by line; registered with a {@link Cleanup} so it is stopped on every way
 * out. Started through {@code ip netns exec} and {@code taskset}, which both exec, so {@link #pid()} is the
 * program's own pid.
 */
public final class Proc {
    private static final int MAX_KEPT_CHARS = 1 << 20;

    private final String name;
    private final Process process;
    private final StringBuilder output = new StringBuilder();
    private final Thread reader;
    private final Cleanup.Step undo;
    private final Cleanup cleanupRef;

    private Proc(String name, Process process, Cleanup cleanup) {
        this.name = name;
        this.process = process;
        this.reader = new Thread(this::drain, "out-" + name);
        this.reader.setDaemon(true);
        this.cleanupRef = cleanup;
        cleanup.track(process.pid(), name);
        this.undo = cleanup.add("stop " + name + " (pid " + process.pid() + ")", () -> stop(Duration.ofSeconds(5)));
    }

    /** Starts {@code command}; fails when it cannot be executed. */
    public static Proc start(String name, List<String> command, Cleanup cleanup) throws IOException {
        return start(name, command, Map.of(), cleanup);
    }

    /** Starts {@code command} with extra environment variables; fails when it cannot be executed. */
    public static Proc start(String name, List<String> command, Map<String, String> env, Cleanup cleanup)
            throws IOException {
        if (cleanup.closed()) {
            throw new IOException("not starting " + name + ": the run is being torn down");
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException("cannot start " + name + " (" + String.join(" ", command) + "): " + e.getMessage(),
                    e);
        }
        p.getOutputStream().close();
        Proc proc = new Proc(name, p, cleanup);
        proc.reader.start();
        return proc;
    }

    private void drain() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (output) {
                    if (output.length() < MAX_KEPT_CHARS) {
                        output.append(line).append('\n');
                    }
                    output.notifyAll();
                }
            }
        } catch (IOException ignored) {
            // The stream closes under the reader when the process is stopped: its output ends there.
        } finally {
            synchronized (output) {
                output.notifyAll();
            }
        }
    }

    /** The process id. */
    public long pid() {
        return process.pid();
    }

    /** The name given at start, for messages. */
    public String name() {
        return name;
    }

    /** Whether it still runs. */
    public boolean alive() {
        return process.isAlive();
    }

    /** Its output so far (at most the first MiB). */
    public String output() {
        synchronized (output) {
            return output.toString();
        }
    }

    /**
     * Waits until a line containing {@code text} has been printed; false when the process ended or the time ran
     * out first.
     */
    public boolean awaitLine(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (output) {
            while (output.indexOf(text) < 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
                    return output.indexOf(text) >= 0;
                }
                TimeUnit.NANOSECONDS.timedWait(output, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
            }
            return true;
        }
    }

    /** Waits for it to end by itself; its exit status, or -1 when the time ran out. */
    public int await(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return -1;
        }
        reader.join(1000);
        return process.exitValue();
    }

    /**
     * Stops it: SIGTERM to it and to every process it forked (trafgen's sender is a child, and a parent killed
     * alone leaves it sending), then SIGKILL to whatever still lives after {@code grace}; returns its exit
     * status and waits for its output to be read to the end. Safe to call twice.
     */
    public int stop(Duration grace) throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        for (ProcessHandle child : children) {
            cleanupRef.track(child.pid(), name + " child");
            child.destroy();
        }
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle child : children) {
            while (child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        reader.join(2000);
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** Stops it (see {@link #stop}) and forgets its cleanup step. */
    public int close(Duration grace) throws InterruptedException {
        int status = stop(grace);
        undo.runNow();
        return status;
    }
}
