package dev.lanyard.bench.e2e.lab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Short commands run to completion (ip, ethtool, ovs-vsctl, ping, an iperf3 client), with a time limit. */
public final class Commands {
    private Commands() {
    }

    /**
     * What a command did.
     *
     * @param command  the command line, for messages
     * @param exit     its exit status, -1 when it was killed at the time limit
     * @param out      its standard output
     * @param err      its standard error
     * @param timedOut whether it was killed at the time limit
     */
    public record Result(String command, int exit, String out, String err, boolean timedOut) {
        /** Whether it exited with status 0. */
        public boolean ok() {
            return exit == 0 && !timedOut;
        }

        /** Throws saying what failed, with its error output, unless it succeeded; returns itself. */
        public Result check() throws IOException {
            if (!ok()) {
                throw new IOException(describeFailure());
            }
            return this;
        }

        /** "`ip link add ...` failed (exit 2): RTNETLINK answers: File exists". */
        public String describeFailure() {
            String why = timedOut ? "timed out" : "failed (exit " + exit + ")";
            String text = (err.isBlank() ? out : err).strip();
            return "`" + command + "` " + why + (text.isEmpty() ? "" : ": " + lastLines(text, 3));
        }
    }

    /** The command line of {@code args} run in namespace {@code ns} pinned to {@code cpu} (-1: not pinned). */
    public static List<String> inNamespace(String ns, int cpu, String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        if (cpu >= 0) {
            cmd.addAll(List.of("taskset", "-c", Integer.toString(cpu)));
        }
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs a command, killing it after {@code timeoutSeconds}. */
    public static Result run(double timeoutSeconds, List<String> command) throws IOException {
        String line = String.join(" ", command);
        Process p;
        try {
            p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new IOException("cannot run `" + line + "`: " + e.getMessage(), e);
        }
        p.getOutputStream().close();
        Collector out = new Collector(p.getInputStream());
        Collector err = new Collector(p.getErrorStream());
        boolean timedOut = false;
        try {
            if (!p.waitFor((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS)) {
                timedOut = true;
                p.destroy();
                if (!p.waitFor(2, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(5, TimeUnit.SECONDS);
                }
            }
            out.join(2000);
            err.join(2000);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running `" + line + "`", e);
        }
        return new Result(line, timedOut ? -1 : p.exitValue(), out.text(), err.text(), timedOut);
    }

    /** Runs a command, killing it after {@code timeoutSeconds}. */
    public static Result run(double timeoutSeconds, String... command) throws IOException {
        return run(timeoutSeconds, List.of(command));
    }

    /** Runs a command that must succeed within 30 seconds; its standard output. */
    public static String check(String... command) throws IOException {
        return run(30, command).check().out();
    }

    static String lastLines(String text, int n) {
        String[] lines = text.split("\n");
        int from = Math.max(0, lines.length - n);
        return String.join(" / ", java.util.Arrays.copyOfRange(lines, from, lines.length));
    }

    /** Reads one stream of a child to the end on its own thread, so a full pipe never blocks the child. */
    private static final class Collector extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Collector(InputStream in) {
            super("cmd-output");
            this.in = in;
            setDaemon(true);
            start();
        }

        @Override
        public void run() {
            try (InputStream s = in) {
                s.transferTo(bytes);
            } catch (IOException ignored) {
                // The child went away mid-write: what was read is what there is.
            }
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
