package dev.lanyard.control.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.control.api.ApiClient;
import dev.lanyard.control.daemon.Api;
import dev.lanyard.control.daemon.DaemonRunner;
import dev.lanyard.control.daemon.LabDaemon;
import dev.lanyard.control.lab.DaemonControl;
import dev.lanyard.control.lab.LabManager;
import dev.lanyard.control.lab.LabPaths;
import dev.lanyard.control.lab.Timings;
import dev.lanyard.control.netns.NetNamespaces;
import dev.lanyard.control.reconcile.Plan;
import dev.lanyard.control.topology.Topologies;
import dev.lanyard.control.topology.Topology;
import dev.lanyard.control.topology.TopologyException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * {@code lanyard up [FILE]}: builds the lab of a topology file (or the built-in docker0 lab), starts its switches
 * and returns when every switch forwards. Running it again changes nothing; after a crash it finishes the job.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Build a lab from a topology file and start its switches; with no file, the built-in "
            + "default lab (LABS.md lab 3: ns0, ns1, ns2 on switch docker0 with gateway 172.17.0.1/16).",
            "Prints what it changes, then the ports. Exit 0 when every switch forwards, 1 on failure, 2 for a bad "
                + "topology."})
public final class UpCommand implements Callable<Integer> {
    static final String DEFAULT_TIMEOUT = "30";

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "The topology file (YAML); see examples/.")
    private Path file;

    @Mixin
    private LabOptions labs;

    @Option(names = "--foreground", description = "Stay in front, log to the terminal, and take the lab down on "
            + "Ctrl-C.")
    private boolean foreground;

    @Option(names = "--dry-run", description = "Print what would be done (as ip commands) and do nothing.")
    private boolean dryRun;

    @Option(names = "--busy-poll", description = "Switch workers spin instead of sleeping (lower latency, a core "
            + "each).")
    private boolean busyPoll;

    @Option(names = "--timeout", defaultValue = DEFAULT_TIMEOUT, description = "Seconds to wait for the switches "
            + "(default: ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    @Option(names = "--notify", hidden = true, paramLabel = "FIFO", description = "Set by the launcher: become "
            + "the lab's daemon once it forwards and write the exit status to this FIFO.")
    private Path notify;

    /**
     * The command the launcher builds for a plain {@code ./lanyard up [FILE]}, {@code up --notify FIFO [FILE]},
     * made without picocli and with every other option at its default; null for any other command line, which
     * picocli parses. {@code UpCommandLauncherFormTest} holds the two to the same result.
     */
    static UpCommand launcherForm(String[] args) {
        if (args.length < 3 || args.length > 4 || !args[0].equals("up") || !args[1].equals("--notify")
                || args[2].isEmpty() || args[2].startsWith("-")
                || args.length == 4 && (args[3].isEmpty() || args[3].startsWith("-"))) {
            return null;
        }
        UpCommand up = new UpCommand();
        up.notify = Path.of(args[2]);
        up.file = args.length == 4 ? Path.of(args[3]) : null;
        up.labs = new LabOptions();
        up.labs.stateDir = Path.of(LabOptions.DEFAULT_STATE_DIR);
        up.timeoutSeconds = Integer.parseInt(DEFAULT_TIMEOUT);
        return up;
    }

    /** Switches made while the lab is built, for the daemon this JVM becomes (with --notify). */
    private CompletableFuture<LabDaemon> ahead;

    @Override
    public Integer call() throws Exception {
        // The launcher learns a failure (or an up that had nothing to do) from this JVM's exit status, and
        // success from the FIFO, since then this JVM stays on as the daemon.
        Timings.mark("up: started");
        return up(new Detach(notify));
    }

    private int up(Detach detach) throws Exception {
        PrintStream out = System.out;
        Topology t;
        String text;
        try {
            if (file == null) {
                text = Topologies.defaultLabText();
                t = Topologies.defaultLab();
            } else {
                text = Files.readString(file, StandardCharsets.UTF_8);
                t = Topologies.parse(file.toString(), text);
            }
        } catch (TopologyException e) {
            System.err.println(e.getMessage());
            return Main.USAGE;
        }
        Timings.mark("up: parsed");
        Logging.toStderr(false);
        LabManager labsManager = new LabManager(labs.paths(), new NetNamespaces());
        DaemonControl daemons = new DaemonControl(labs.paths());
        if (dryRun) {
            Plan plan = labsManager.planUp(t);
            out.println(plan.isEmpty() ? "lab " + t.lab() + ": nothing to do" : plan.render());
            return 0;
        }
        String hashBefore = labsManager.record(t.lab()).topologyHash();
        boolean running = daemons.find(t.lab()).isPresent();
        List<String> options = new ArrayList<>();
        if (busyPoll) {
            options.add("--busy-poll");
        }
        boolean inProcess = foreground || notify != null;
        // A separate daemon's JVM boots while the lab is built; it opens its ports when told to go.
        Process early = !inProcess && !running && !t.switches().isEmpty() ? daemons.startEarly(t.lab(), options)
                : null;
        if (notify != null && !running && !t.switches().isEmpty()) {
            // This JVM is to be the daemon: its switches, and the sockets of their ports, are made meanwhile.
            ahead = CompletableFuture.supplyAsync(() -> {
                LabDaemon made = LabDaemon.prepare(t, DaemonRunner.options(busyPoll), true);
                Api.warmUp(made);
                return made;
            },
                    task -> {
                        Thread maker = new Thread(task, "lanyard-prepare-switches");
                        maker.setDaemon(true);
                        maker.start();
                    });
        }
        try {
            out.println("lab " + t.lab() + (file == null ? " (built-in default lab)" : " from " + file));
            Plan plan;
            try {
                plan = labsManager.up(t, text, a -> out.println("  " + a.render()));
            } catch (TopologyException e) {
                System.err.println(e.getMessage());
                // Refused before anything was made: no empty state directory is left behind for the lab.
                labsManager.forgetIfEmpty(t.lab());
                return Main.USAGE;
            }
            if (t.switches().isEmpty()) {
                daemons.stop(t.lab());
                out.println("lab " + t.lab() + " is up: " + t.hosts().size() + " host"
                        + (t.hosts().size() == 1 ? "" : "s") + ", no switches");
                return 0;
            }
            if (foreground) {
                return foreground(t.lab(), daemons, labsManager, out);
            }
            if (running && plan.isEmpty() && Objects.equals(hashBefore, Topologies.hash(t))) {
                out.println("lab " + t.lab() + " is up; nothing changed");
                return 0;
            }
            if (notify != null) {
                return becomeDaemon(t, daemons, detach, out);
            }
            Process p = early;
            if (p == null) {
                daemons.stop(t.lab());
                p = daemons.start(t.lab(), options);
            } else {
                daemons.go(t.lab());
            }
            early = null;
            JsonNode health = daemons.awaitReady(t.lab(), p, timeoutSeconds * 1000L);
            out.println(upLine(t, health.path("pid").asLong()));
            return 0;
        } finally {
            if (early != null) {
                early.destroyForcibly();
                early.waitFor();
                labsManager.forgetIfEmpty(t.lab());
            }
            if (ahead != null) {
                closeQuietly(ahead);
            }
        }
    }

    /** Closes switches made ahead for a daemon that this JVM did not become. */
    private static void closeQuietly(CompletableFuture<LabDaemon> made) {
        try {
            made.join().close();
        } catch (IOException | RuntimeException e) {
            System.err.println("lanyard up: closing the switches made ahead: " + e.getMessage());
        }
    }

    private String upLine(Topology t, long pid) {
        return "lab " + t.lab() + " is up: " + t.hosts().size() + " hosts, " + t.switches().size() + " switch"
                + (t.switches().size() == 1 ? "" : "es") + " forwarding (daemon pid " + pid + ", API "
                + labs.paths().socket(t.lab()) + ")";
    }

    /** This JVM runs the switches from now on; the launcher returns once it hears 0. */
    private int becomeDaemon(Topology t, DaemonControl daemons, Detach detach, PrintStream out) throws Exception {
        daemons.stop(t.lab());
        detach.logTo(labs.paths().log(t.lab()));
        Timings.mark("up: old daemon stopped");
        DaemonRunner runner;
        try {
            if (ahead != null) {
                LabDaemon made = ahead.join();
                ahead = null;
                Timings.mark("up: switches made ahead");
                runner = DaemonRunner.start(labs.paths(), t.lab(), made, Main::exitAfterLabDown);
            } else {
                runner = DaemonRunner.start(labs.paths(), t.lab(), busyPoll, Main::exitAfterLabDown);
            }
            if (!runner.daemon().missing().isEmpty()) {
                runner.close();
                throw new IOException("ports not attached: " + runner.daemon().missing());
            }
        } catch (Exception e) {
            detach.restoreStderr();
            throw e;
        }
        Timings.mark("up: forwarding");
        out.println(upLine(t, ProcessHandle.current().pid()));
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
            } catch (Exception e) {
                System.err.println("lanyard daemon: stopping: " + e.getMessage());
            }
            done.countDown();
            Runtime.getRuntime().halt(0);
        }, "lanyard-daemon-stop"));
        detach.becomeDaemon(labs.paths().log(t.lab()));
        warmUp(labs.paths(), t.lab());
        done.await();
        return 0;
    }

    /**
     * Asks the daemon's own API a few questions once the lab is up: the first request a fresh JVM serves loads and
     * runs cold the HTTP, routing and JSON code (about 75 ms here), which would otherwise fall on the user's first
     * command, often {@code lanyard down}.
     */
    /**
     * Runs the code that {@code down} and the API will need once, read-only, while nobody waits: a JVM runs code the
     * first time several times slower, and {@code down} arriving a moment after {@code up} would pay for it.
     */
    private static void warmUp(LabPaths paths, String lab) {
        Thread warm = new Thread(() -> {
            try {
                ApiClient api = new ApiClient(paths.socket(lab));
                for (int i = 0; i < 3; i++) {
                    api.call("GET", "/v1/health", null);
                    api.call("GET", "/v1/switches", null);
                }
                // What down plans first: the lab's record and what of it exists (nothing is changed).
                LabManager manager = new LabManager(paths, new NetNamespaces());
                for (int i = 0; i < 2; i++) {
                    manager.planDown(lab);
                }
            } catch (IOException e) {
                // Only a warm-up: the API and down work regardless.
            }
        }, "lanyard-warm-up");
        warm.setDaemon(true);
        warm.setPriority(Thread.MIN_PRIORITY);
        warm.start();
    }

    private int foreground(String lab, DaemonControl daemons, LabManager manager, PrintStream out) throws Exception {
        daemons.stop(lab);
        Logging.toFile(labs.paths().log(lab));
        DaemonRunner runner = DaemonRunner.start(labs.paths(), lab, busyPoll, Main::exitAfterLabDown);
        out.println("lab " + lab + " is up in the foreground (API " + labs.paths().socket(lab)
                + "); Ctrl-C takes it down");
        out.flush();
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
                manager.down(lab, a -> out.println("  " + a.render()));
                out.println("lab " + lab + " is down");
            } catch (Exception e) {
                System.err.println("lanyard up: taking the lab down: " + e.getMessage());
            }
            out.flush();
            done.countDown();
            Runtime.getRuntime().halt(0);
        }, "lanyard-foreground-stop"));
        done.await();
        return 0;
    }
}
