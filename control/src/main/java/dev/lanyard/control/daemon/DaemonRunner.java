package dev.lanyard.control.daemon;

import dev.lanyard.control.api.ApiResponse;
import dev.lanyard.control.api.ApiServer;
import dev.lanyard.control.lab.LabManager;
import dev.lanyard.control.lab.LabPaths;
import dev.lanyard.control.lab.Timings;
import dev.lanyard.control.netns.NetNamespaces;
import dev.lanyard.control.topology.Topologies;
import dev.lanyard.control.topology.Topology;
import dev.lanyard.control.topology.TopologyException;
import dev.lanyard.dataplane.worker.DataplaneOptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * A lab's daemon while it runs: its switches, its API on the lab's socket and its pid file, plus a task that
 * retries ports that could not be opened. Used by {@code lanyard daemon} and by {@code lanyard up}.
 *
 * <p>{@code POST /v1/lab/down} takes the whole lab down from here: the switches stop, the lab's namespaces and
 * links go (as {@code lanyard down} would remove them), the answer lists what was removed, and then the process
 * runs its {@code afterLabDown} (the daemon commands exit). A warm JVM that is already running does that in a
 * fraction of the time a new {@code lanyard down} JVM takes to start, which is why the launcher asks it.
 */
public final class DaemonRunner implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DaemonRunner.class.getName());

    private final LabPaths paths;
    private final String lab;
    private final LabDaemon daemon;
    private final ApiServer server;
    private final ScheduledExecutorService retry;
    private final AtomicBoolean daemonClosed = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Runnable afterLabDown;

    private DaemonRunner(LabPaths paths, String lab, LabDaemon daemon, ApiServer server,
            ScheduledExecutorService retry, Runnable afterLabDown) {
        this.paths = paths;
        this.afterLabDown = afterLabDown;
        this.lab = lab;
        this.daemon = daemon;
        this.server = server;
        this.retry = retry;
    }

    /**
     * Starts the daemon of a lab that is up: reads the topology it was brought up with. {@code afterLabDown} runs
     * once a {@code POST /v1/lab/down} has been answered (the process should exit then).
     */
    public static DaemonRunner start(LabPaths paths, String lab, boolean busyPoll, Runnable afterLabDown)
            throws IOException, TopologyException {
        Topology t = Topologies.read(paths.topology(lab));
        return start(paths, lab, LabDaemon.prepare(t, options(busyPoll), false), afterLabDown);
    }

    /** The options of a lab daemon's dataplane. */
    public static DataplaneOptions options(boolean busyPoll) {
        return new DataplaneOptions(busyPoll, "lanyard");
    }

    /**
     * Starts a daemon from switches {@link LabDaemon#prepare prepared} earlier: attaches their ports (the lab's
     * links exist now) and serves the API. The daemon is closed if this fails.
     */
    public static DaemonRunner start(LabPaths paths, String lab, LabDaemon daemon, Runnable afterLabDown)
            throws IOException {
        try {
            daemon.attachPorts();
        } catch (RuntimeException e) {
            daemon.close();
            throw e;
        }
        Timings.mark("daemon: ports attached");
        ApiServer server;
        AtomicReference<DaemonRunner> self = new AtomicReference<>();
        Api api = new Api(daemon);
        api.router().add("POST", "/v1/lab/down", r -> {
            DaemonRunner runner = self.get();
            return runner == null ? ApiResponse.error(503, "the daemon is starting; try again") : runner.labDown();
        });
        try {
            server = ApiServer.start(paths.socket(lab), daemon.apiTcp(), api.router());
        } catch (IOException e) {
            daemon.close();
            throw e;
        }
        Timings.mark("daemon: API served");
        ProcessHandle me = ProcessHandle.current();
        Files.writeString(paths.pid(lab), me.pid() + " " + me.info().startInstant().map(i -> i.toEpochMilli())
                .orElse(0L) + "\n", StandardCharsets.US_ASCII);
        ScheduledExecutorService retry = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread th = new Thread(r, "lanyard-retry");
            th.setDaemon(true);
            return th;
        });
        retry.scheduleWithFixedDelay(() -> {
            int back = daemon.retryMissing();
            if (back > 0) {
                LOG.info(back + " missing port(s) attached again");
            }
        }, 2, 2, TimeUnit.SECONDS);
        LOG.info("lab " + lab + ": daemon pid " + ProcessHandle.current().pid() + " serving " + paths.socket(lab));
        DaemonRunner runner = new DaemonRunner(paths, lab, daemon, server, retry, afterLabDown);
        self.set(runner);
        return runner;
    }

    /** Stops the switches and removes the lab; answers with what was removed, as lanyard down prints it. */
    private ApiResponse labDown() {
        if (daemonClosed.get()) {
            return ApiResponse.error(409, "lab " + lab + " is already going down");
        }
        StringBuilder out = new StringBuilder();
        try {
            Timings.mark("lab down: asked");
            LabDaemon.IoAction portsClosed = beginCloseDaemon();
            Timings.mark("lab down: switches stopped");
            out.append("lab ").append(lab).append(": daemon stopped\n");
            // The ports finish closing (a kernel grace period each) while the links under them are removed.
            try {
                new LabManager(paths, new NetNamespaces()).down(lab, a -> out.append("  ").append(a.render())
                        .append('\n'));
            } finally {
                portsClosed.run();
                Timings.mark("lab down: ports closed");
            }
            out.append("lab ").append(lab).append(" is down\n");
            LOG.info("lab " + lab + ": taken down through the API");
            return ApiResponse.text(200, "text/plain; charset=utf-8", out.toString()).thenRun(afterLabDown);
        } catch (IOException | RuntimeException e) {
            LOG.warning("lab " + lab + ": down failed: " + e.getMessage());
            return ApiResponse.error(500, out + "lanyard down: " + e.getMessage()).thenRun(afterLabDown);
        }
    }

    private void closeDaemon() throws IOException {
        beginCloseDaemon().run();
    }

    private LabDaemon.IoAction beginCloseDaemon() {
        if (!daemonClosed.compareAndSet(false, true)) {
            return () -> { };
        }
        retry.shutdownNow();
        return daemon.beginClose();
    }

    /** The running switches. */
    public LabDaemon daemon() {
        return daemon;
    }

    /** Stops the API and the switches and removes the pid file; again does nothing. */
    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        retry.shutdownNow();
        try {
            server.close();
        } finally {
            try {
                closeDaemon();
            } finally {
                Files.deleteIfExists(paths.pid(lab));
                LOG.info("lab " + lab + ": daemon stopped");
            }
        }
    }
}
