package dev.lanyard.tools.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs commands for tests, with a time limit, capturing their output. */
public final class Cmd {
    private Cmd() {
    }

    /** What a command did. */
    public record Result(List<String> argv, int exit, String out, String err) {
        /** True when it exited 0. */
        public boolean ok() {
            return exit == 0;
        }

        /** Throws with the command, exit code and output when it failed. */
        public Result check() {
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", argv) + " exited " + exit + "\nstdout: " + out
                        + "\nstderr: " + err);
            }
            return this;
        }
    }

    /** Runs a command and waits up to 60 s. */
    public static Result run(String... argv) {
        return run(60, argv);
    }

    /** Runs a command and waits up to {@code seconds}; a command still running then is killed (exit -1). */
    public static Result run(int seconds, String... argv) {
        Running r = start(argv);
        return r.await(seconds);
    }

    /** Runs a command and fails the test if it does not exit 0. */
    public static Result check(String... argv) {
        return run(argv).check();
    }

    /** Runs a shell command line through sh -c. */
    public static Result sh(String line) {
        return run("sh", "-c", line);
    }

    /** Starts a command in the background. */
    public static Running start(String... argv) {
        try {
            Process p = new ProcessBuilder(argv).start();
            return new Running(Arrays.asList(argv), p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", argv), e);
        }
    }

    /** A command running in the background. */
    public static final class Running {
        private final List<String> argv;
        private final Process process;
        private final CompletableFuture<String> out;
        private final CompletableFuture<String> err;

        Running(List<String> argv, Process process) {
            this.argv = new ArrayList<>(argv);
            this.process = process;
            this.out = drain(process.getInputStream());
            this.err = drain(process.getErrorStream());
            try {
                process.getOutputStream().close();
            } catch (IOException ignored) {
                // Nothing to write to it anyway.
            }
        }

        /** Waits for it to end, killing it after {@code seconds}. */
        public Result await(int seconds) {
            try {
                if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                    return new Result(argv, -1, out.join(), err.join() + "\n(killed after " + seconds + " s)");
                }
                return new Result(argv, process.exitValue(), out.join(), err.join());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new IllegalStateException("interrupted waiting for " + argv, e);
            }
        }

        /** Sends SIGTERM and waits for it to end. */
        public Result stop(int seconds) {
            process.destroy();
            return await(seconds);
        }

        /** True while it runs. */
        public boolean alive() {
            return process.isAlive();
        }

        private static CompletableFuture<String> drain(InputStream in) {
            CompletableFuture<String> f = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try (in) {
                    f.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    f.complete("");
                }
            }, "cmd-drain");
            t.setDaemon(true);
            t.start();
            return f;
        }
    }
}
