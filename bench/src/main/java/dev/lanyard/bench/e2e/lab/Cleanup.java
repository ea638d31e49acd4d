package dev.lanyard.bench.e2e.lab;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Everything a benchmark run made and must take away again (namespaces, processes, temporary files), undone in
 * reverse order on every way out: the normal end, a failing test, and Ctrl-C through a shutdown hook. Once closed,
 * whatever is still registered (a process started while Ctrl-C was being handled) is undone at once.
 */
public final class Cleanup {
    private final Deque<Step> steps = new ArrayDeque<>();
    private final Map<Long, String> started = new LinkedHashMap<>();
    private final PrintStream log;
    private boolean closed;

    /** A cleanup that reports failures of its steps on {@code log}. */
    public Cleanup(PrintStream log) {
        this.log = log;
    }

    /** An undo step: what it removes, for the log, and how. */
    @FunctionalInterface
    public interface Action {
        /** Undoes one thing; may throw, the other steps still run. */
        void run() throws Exception;
    }

    /** A registered step, which the normal path may run early (and then only once). */
    public final class Step {
        private final String what;
        private final Action action;
        private boolean done;

        private Step(String what, Action action) {
            this.what = what;
            this.action = action;
        }

        /** Runs the step now unless it has run, and forgets it. */
        public void runNow() {
            synchronized (Cleanup.this) {
                steps.remove(this);
            }
            execute();
        }

        private void execute() {
            synchronized (this) {
                if (done) {
                    return;
                }
                done = true;
            }
            try {
                action.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.println("cleanup: " + what + ": interrupted");
            } catch (Exception e) {
                log.println("cleanup: " + what + ": " + e.getMessage());
            }
        }
    }

    /** Registers an undo step; after {@link #runAll()} it runs at once. */
    public Step add(String what, Action action) {
        Step step = new Step(what, action);
        boolean now;
        synchronized (this) {
            now = closed;
            if (!now) {
                steps.push(step);
            }
        }
        if (now) {
            step.execute();
        }
        return step;
    }

    /** Remembers a process this run started, to check after teardown that it is gone. */
    public synchronized void track(long pid, String name) {
        started.put(pid, name);
    }

    /** The processes this run started that still live: "name (pid N)"; empty after a clean teardown. */
    public synchronized List<String> survivors() {
        return started.entrySet().stream()
                .filter(e -> ProcessHandle.of(e.getKey()).map(ProcessHandle::isAlive).orElse(false))
                .map(e -> e.getValue() + " (pid " + e.getKey() + ")").toList();
    }

    /** How many processes this run started. */
    public synchronized int processesStarted() {
        return started.size();
    }

    /** Whether {@link #runAll()} has begun: the run is being torn down, start nothing new. */
    public synchronized boolean closed() {
        return closed;
    }

    /** Runs every registered step, newest first, each once, whatever the others do. */
    public void runAll() {
        synchronized (this) {
            closed = true;
        }
        while (true) {
            Step next;
            synchronized (this) {
                next = steps.poll();
            }
            if (next == null) {
                return;
            }
            next.execute();
        }
    }

    /** Deletes a directory tree (a run's temporary files); a missing one is fine. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
