package dev.lanyard.control.netns;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** Shared by the root tests: the probe, unique names, and running `ip` and `ping` as the other side. */
public final class NetnsTesting {
    private static Boolean canCreate;

    private NetnsTesting() {
    }

    /** Skips the test unless this process can create and delete a named namespace. */
    public static synchronized void assumeNamespaces() {
        if (canCreate == null) {
            NetNamespaces namespaces = new NetNamespaces();
            String probe = prefix() + "probe";
            try {
                namespaces.create(probe);
                canCreate = true;
            } catch (IOException | RuntimeException e) {
                canCreate = false;
            } finally {
                try {
                    namespaces.delete(probe);
                } catch (IOException | RuntimeException ignored) {
                    // Nothing was made, or the probe already failed; either way there is nothing to do.
                }
            }
        }
        Assumptions.assumeTrue(canCreate, "cannot create network namespaces here (needs root)");
    }

    /** A fresh prefix for this run's names: "lt" and 4 hex digits, leaving room in a 15-byte interface name. */
    public static String prefix() {
        return String.format("lt%04x", ThreadLocalRandom.current().nextInt(0x10000));
    }

    /** What a command printed and how it ended. */
    public record Result(int exit, String output) {
        /** Whether it exited with 0. */
        public boolean ok() {
            return exit == 0;
        }
    }

    /** Runs a command with stdout and stderr merged, giving up after 10 seconds. */
    public static Result run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** Runs a command that must succeed and returns its output. */
    public static String ok(String... command) throws IOException, InterruptedException {
        Result r = run(command);
        if (!r.ok()) {
            throw new AssertionError(String.join(" ", command) + " exited " + r.exit() + ": " + r.output());
        }
        return r.output();
    }

    /** Deletes namespaces quietly, for cleanup paths. */
    public static void deleteQuietly(NetNamespaces namespaces, List<String> names) {
        for (String name : names) {
            try {
                namespaces.delete(name);
            } catch (IOException | RuntimeException ignored) {
                // Cleanup of a namespace the test made; a failure here must not hide the test's own outcome.
            }
        }
    }
}
