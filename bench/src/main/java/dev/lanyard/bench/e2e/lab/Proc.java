package dev.lanyard.bench.e2e.lab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A long-running child process (a switch, a daemon, a server, a traffic generator) whose output, stdout and
 * stderr merged into a temporary file, is followed and kept in memory; registered with a {@link Cleanup} so it is
 * stopped on every way out. Started through {@code ip netns exec} and {@code taskset}, which both exec, so
 * {@link #pid()} is the program's own pid.
 */
public final class Proc {
    private static final int MAX_KEPT_BYTES = 1 << 20;
    private static final long POLL_MS = 5;

    private final String name;
    private final Process process;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final Thread reader;
    private final Path logFile;
    private final Cleanup.Step undo;
    private final Cleanup cleanupRef;

    private Proc(String name, Process process, Path logFile, Cleanup cleanup) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.reader = new Thread(this::follow, "out-" + name);
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
        Path log = Files.createTempFile("lanyard-bench-", ".log");
        cleanup.add("remove " + log, () -> Files.deleteIfExists(log));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException("cannot start " + name + " (" + String.join(" ", command) + "): " + e.getMessage(),
                    e);
        }
        p.getOutputStream().close();
        Proc proc = new Proc(name, p, log, cleanup);
        proc.reader.start();
        return proc;
    }

    /**
     * Follows the output file to its end. A pipe would lose the last lines: when a process exits, the JDK drains
     * what is left in its pipe into a buffer and closes the pipe under a blocked reader, and a switch's counters or
     * trafgen's summary are exactly those last lines.
     */
    private void follow() {
        ByteBuffer buf = ByteBuffer.allocate(8192);
        try (FileChannel ch = FileChannel.open(logFile, StandardOpenOption.READ)) {
            while (true) {
                boolean exited = !process.isAlive();
                buf.clear();
                int n = ch.read(buf);
                if (n > 0) {
                    synchronized (output) {
                        if (output.size() < MAX_KEPT_BYTES) {
                            output.write(buf.array(), 0, n);
                        }
                        output.notifyAll();
                    }
                } else if (exited) {
                    break;
                } else {
                    Thread.sleep(POLL_MS);
                }
            }
        } catch (IOException e) {
            synchronized (output) {
                byte[] text = ("[reading the output of " + name + " failed: " + e.getMessage() + "]\n")
                        .getBytes(StandardCharsets.UTF_8);
                output.write(text, 0, text.length);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
            return output.toString(StandardCharsets.UTF_8);
        }
    }

    /**
     * Waits until a line containing {@code text} has been printed; false when the process ended or the time ran
     * out first.
     */
    public boolean awaitLine(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (output) {
            while (!output().contains(text)) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
                    return output().contains(text);
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
