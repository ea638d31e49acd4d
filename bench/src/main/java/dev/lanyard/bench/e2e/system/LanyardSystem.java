package dev.lanyard.bench.e2e.system;

import dev.lanyard.bench.e2e.lab.Lab;
import dev.lanyard.bench.e2e.lab.Proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Lanyard's own switch: {@code lanyard switch --netns SW sw-h1 sw-h2 sw-h3} as a child JVM pinned to the switch
 * core with taskset, with the same JVM flags as the {@code lanyard} launcher. Its counters, printed when it stops
 * on SIGTERM, are the system's report.
 */
public final class LanyardSystem implements SwitchSystem {
    /** The launcher's JVM flags (see the {@code lanyard} script). */
    static final List<String> JVM_FLAGS = List.of("--enable-native-access=ALL-UNNAMED", "-XX:+UseG1GC", "-Xss512k");
    private static final String READY = "forwarding; Ctrl-C to stop";

    private final SystemContext ctx;
    private Proc proc;

    /** A Lanyard system for the run. */
    public LanyardSystem(SystemContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public String name() {
        return "lanyard";
    }

    /** The command that starts the switch. */
    List<String> command() {
        List<String> cmd = new ArrayList<>(List.of("taskset", "-c", Integer.toString(ctx.switchCpu()),
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(JVM_FLAGS);
        cmd.add("-Dlanyard.home=" + ctx.lanyardJar().toAbsolutePath().getParent().getParent().getParent());
        cmd.addAll(List.of("-jar", ctx.lanyardJar().toString(), "switch", "--netns", ctx.lab().switchNs(),
                "--name", ctx.lab().prefix()));
        cmd.addAll(ctx.lanyardArgs());
        cmd.addAll(Lab.switchPorts());
        return cmd;
    }

    @Override
    public void start() throws IOException, InterruptedException {
        if (!Files.isRegularFile(ctx.lanyardJar())) {
            throw new IOException("no Lanyard jar at " + ctx.lanyardJar() + " (build with `mvn -B -q -DskipTests "
                    + "package` first)");
        }
        proc = Proc.start("lanyard switch", command(), ctx.cleanup());
        if (!proc.awaitLine(READY, Duration.ofSeconds(60))) {
            proc.close(Duration.ofSeconds(5));
            throw new IOException("lanyard switch did not start forwarding: " + tail(proc.output(), 8));
        }
    }

    @Override
    public String stop() throws InterruptedException {
        if (proc == null) {
            return "";
        }
        Proc p = proc;
        proc = null;
        int status = p.close(Duration.ofSeconds(10));
        String out = p.output();
        int ready = out.indexOf(READY);
        String report = ready < 0 ? out : out.substring(ready + READY.length()).strip();
        return status == 0 ? report : report + "\n(lanyard switch exited with status " + status + ")";
    }

    @Override
    public long cpuPid() {
        return proc == null ? -1 : proc.pid();
    }

    @Override
    public TestPath path() {
        return ctx.switchedPath();
    }

    @Override
    public boolean switched() {
        return true;
    }

    @Override
    public boolean needsPortRps() {
        return false;
    }

    @Override
    public String placement() {
        return "lanyard: the switch JVM (all its threads) pinned to CPU " + ctx.switchCpu() + " with taskset";
    }

    static String tail(String text, int lines) {
        String[] all = text.strip().split("\n");
        return String.join(" / ", List.of(all).subList(Math.max(0, all.length - lines), all.length));
    }
}
