package dev.lanyard.control.daemon;

import dev.lanyard.control.api.ApiServer;
import dev.lanyard.control.lab.LabPaths;
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
import java.util.logging.Logger;

/**
 * A lab's daemon while it runs: its switches, its API on the lab's socket and its pid file, plus a task that
 * retries ports that could not be opened. Used by {@code lanyard daemon} and by {@code lanyard up --foreground}.
 */
public final class DaemonRunner implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DaemonRunner.class.getName());

    private final LabPaths paths;
    private final String lab;
    private final LabDaemon daemon;
    private final ApiServer server;
    private final ScheduledExecutorService retry;

    private DaemonRunner(LabPaths paths, String lab, LabDaemon daemon, ApiServer server,
            ScheduledExecutorService retry) {
        this.paths = paths;
        this.lab = lab;
        this.daemon = daemon;
        this.server = server;
        this.retry = retry;
    }

    /** Starts the daemon of a lab that is up: reads the topology it was brought up with. */
    public static DaemonRunner start(LabPaths paths, String lab, boolean busyPoll)
            throws IOException, TopologyException {
        Topology t = Topologies.read(paths.topology(lab));
        LabDaemon daemon = LabDaemon.start(t, new DataplaneOptions(busyPoll, "lanyard"));
        ApiServer server;
        try {
            server = ApiServer.start(paths.socket(lab), new Api(daemon).router());
        } catch (IOException e) {
            daemon.close();
            throw e;
        }
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
        return new DaemonRunner(paths, lab, daemon, server, retry);
    }

    /** The running switches. */
    public LabDaemon daemon() {
        return daemon;
    }

    @Override
    public void close() throws IOException {
        retry.shutdownNow();
        try {
            server.close();
        } finally {
            try {
                daemon.close();
            } finally {
                Files.deleteIfExists(paths.pid(lab));
                LOG.info("lab " + lab + ": daemon stopped");
            }
        }
    }
}
