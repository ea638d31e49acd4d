package dev.lanyard.control.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.control.api.ApiClient;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts, finds and stops the daemon of a lab: a JVM running the lab's switches ({@code lanyard daemon --lab LAB},
 * or the {@code lanyard up} that built the lab and stayed on), with its pid, API socket and log under the lab's
 * directory. The pid file holds the pid and the process's start time, and is trusted only while both match, so a
 * reused pid is never signalled.
 */
public final class DaemonControl {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long STOP_WAIT_MILLIS = 10_000;

    private final LabPaths paths;

    /** Daemons whose files live under {@code paths}. */
    public DaemonControl(LabPaths paths) {
        this.paths = paths;
    }

    /**
     * The lab's running daemon, if any: the process of the pid file, if it started when the file says (so a reused
     * pid is never taken for it).
     */
    public Optional<ProcessHandle> find(String lab) {
        Path pidFile = paths.pid(lab);
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        long pid;
        long started;
        try {
            String[] f = Files.readString(pidFile, StandardCharsets.US_ASCII).trim().split("\\s+");
            pid = Long.parseLong(f[0]);
            started = f.length > 1 ? Long.parseLong(f[1]) : -1;
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(DaemonControl::running).filter(p -> p.info().startInstant()
                .map(t -> t.toEpochMilli() == started).orElse(false));
    }

    /** Starts the lab's daemon in the background, logging to the lab's daemon.log; returns its process. */
    public Process start(String lab, List<String> options) throws IOException {
        paths.ensureDir(lab);
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-XX:+UseG1GC");
        String leaks = System.getProperty("io.netty.leakDetection.level");
        if (leaks != null) {
            cmd.add("-Dio.netty.leakDetection.level=" + leaks);
        }
        String cds = System.getProperty("lanyard.cds");
        if (cds != null && Files.isReadable(Path.of(cds))) {
            cmd.add("-XX:SharedArchiveFile=" + cds);
            cmd.add("-Xlog:cds=off");
            cmd.add("-Xlog:cds+dynamic=off");
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.lanyard.control.cli.Main");
        cmd.add("daemon");
        cmd.add("--lab");
        cmd.add(lab);
        cmd.add("--state-dir");
        cmd.add(paths.base().toString());
        cmd.addAll(options);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(paths.log(lab).toFile()))
                .redirectErrorStream(true);
        return pb.start();
    }

    /**
     * Starts the lab's daemon before its links exist, so that the JVM boots while {@code up} builds them; it waits
     * for {@link #go} before it opens its ports, and exits by itself if {@code up} dies first.
     */
    public Process startEarly(String lab, List<String> options) throws IOException {
        Files.deleteIfExists(paths.go(lab));
        List<String> all = new ArrayList<>(options);
        all.add("--wait-go");
        return start(lab, all);
    }

    /** Lets an early daemon go on: the links it will open exist now. */
    public void go(String lab) throws IOException {
        Files.writeString(paths.go(lab), "go\n", StandardCharsets.US_ASCII);
    }

    /**
     * Waits until the daemon answers and reports every port attached; returns its health. Fails with the log's
     * last lines if the process dies first, or after {@code timeoutMillis}.
     */
    public JsonNode awaitReady(String lab, Process process, long timeoutMillis) throws IOException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        ApiClient client = new ApiClient(paths.socket(lab));
        JsonNode last = null;
        String lastError = "no answer yet";
        while (System.currentTimeMillis() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IOException("the daemon of lab " + lab + " exited with " + process.exitValue() + ":\n"
                        + tail(paths.log(lab), 15));
            }
            if (Files.exists(paths.socket(lab))) {
                try {
                    ApiClient.Reply r = client.call("GET", "/v1/health", null);
                    last = r.body();
                    if (r.ok() && r.body().path("ready").asBoolean()) {
                        return r.body();
                    }
                    lastError = "ports not attached: " + r.body().path("missingPorts");
                } catch (IOException e) {
                    lastError = e.getMessage();
                }
            }
            sleep(50);
        }
        throw new IOException("the daemon of lab " + lab + " is not ready after " + timeoutMillis / 1000 + " s ("
                + lastError + ")" + (last == null ? "" : "; last health: " + last));
    }

    /**
     * What the daemon answered to {@code POST /v1/lab/down}.
     *
     * @param ok   whether the lab is down
     * @param text what was removed, as {@code lanyard down} prints it; or, when not ok, why not
     */
    public record DownReply(boolean ok, String text) {
    }

    /**
     * Asks the lab's running daemon to take the whole lab down ({@code POST /v1/lab/down}) and waits until the
     * daemon has exited; empty when no daemon runs or none answers (the caller then stops it and takes the lab down
     * itself).
     */
    public Optional<DownReply> downThroughDaemon(String lab) throws IOException {
        Optional<ProcessHandle> p = find(lab);
        if (p.isEmpty()) {
            return Optional.empty();
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int status;
        try {
            status = new ApiClient(paths.socket(lab)).exchange("POST", "/v1/lab/down", null, body);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (status == 404 || status == 405) {
            return Optional.empty();
        }
        ProcessHandle h = p.get();
        long deadline = System.currentTimeMillis() + STOP_WAIT_MILLIS;
        while (running(h) && System.currentTimeMillis() < deadline) {
            sleep(2);
        }
        if (running(h)) {
            stop(lab);
        }
        String text = body.toString(StandardCharsets.UTF_8);
        if (status != 200) {
            try {
                text = JSON.readTree(text).path("error").asText(text);
            } catch (IOException notJson) {
                // Keep the text as it came.
            }
        }
        return Optional.of(new DownReply(status == 200, text));
    }

    /** Stops the lab's daemon (SIGTERM, then SIGKILL after 10 s); true if one was running. */
    public boolean stop(String lab) throws IOException {
        Optional<ProcessHandle> p = find(lab);
        if (p.isPresent()) {
            ProcessHandle h = p.get();
            h.destroy();
            long deadline = System.currentTimeMillis() + STOP_WAIT_MILLIS;
            while (running(h) && System.currentTimeMillis() < deadline) {
                sleep(5);
            }
            if (running(h)) {
                h.destroyForcibly();
                while (running(h)) {
                    sleep(5);
                }
            }
        }
        Files.deleteIfExists(paths.pid(lab));
        Files.deleteIfExists(paths.socket(lab));
        return p.isPresent();
    }

    /**
     * True until the process has exited. An exited daemon whose parent is gone is a zombie until PID 1 reaps it,
     * which here can take a second; it holds nothing any more, so it counts as stopped.
     */
    private static boolean running(ProcessHandle h) {
        if (!h.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(h.pid()), "stat"), StandardCharsets.UTF_8);
            int close = stat.lastIndexOf(')');
            return close < 0 || close + 2 >= stat.length() || stat.charAt(close + 2) != 'Z';
        } catch (IOException gone) {
            return false;
        }
    }

    /** The last {@code n} lines of a file, or a note that it cannot be read. */
    public static String tail(Path file, int n) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        } catch (IOException e) {
            return "(no log at " + file + ")";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
