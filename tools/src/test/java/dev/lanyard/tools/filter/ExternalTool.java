package dev.lanyard.tools.filter;

import dev.lanyard.dataplane.lab.OwnThread;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs tcpdump, tshark and friends as test peers: finds them on PATH and captures their output. */
final class ExternalTool {
    /** What a finished command printed. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    private ExternalTool() {
    }

    /** Whether an executable of that name is on PATH. */
    static boolean onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a command to completion (at most 30 seconds), stdin empty. */
    static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File(
                "/dev/null"))).start();
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        return new Result(process.exitValue(), out.join(), err.join());
    }

    /** Reads a stream to its end on another thread, so a chatty process never blocks on a full pipe. */
    static CompletableFuture<String> drain(InputStream in) {
        return OwnThread.supply("test-drain", () -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(unreadable: " + e + ")";
            }
        });
    }
}
