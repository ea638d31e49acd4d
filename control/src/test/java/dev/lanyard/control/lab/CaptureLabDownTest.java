package dev.lanyard.control.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanyard.control.api.ApiClient;
import dev.lanyard.dataplane.lab.Cmd;
import dev.lanyard.dataplane.lab.OwnThread;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A lab taken down while a capture streams: down is not held up, and the capture keeps what it had. */
@Tag("netns")
class CaptureLabDownTest {
    @Test
    void takingTheLabDownEndsACaptureWhichKeepsWhatItWrote() throws Exception {
        try (TestLab t = TapTesting.up()) {
            ApiClient api = TapTesting.api(t);
            Path file = Files.createTempFile(t.stateDir, "capture", ".pcapng");
            CompletableFuture<Integer> capture = OwnThread.supply("test-capture", () -> t.lanyard("capture", "-w",
                    file.toString(), "icmp"));
            TapTesting.awaitTaps(api, t.n("sw"), 1);
            TapTesting.pingOnce(t, "h0", TapTesting.A1);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (Files.size(file) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            long start = System.nanoTime();
            assertEquals(0, t.lanyard("down", t.lab));
            assertTrue(System.nanoTime() - start < 5_000_000_000L, "down is not held up by the capture");
            assertEquals(1, capture.get(10, TimeUnit.SECONDS), "the capture failed: its daemon went away");
            String frames = Cmd.check("tshark", "-r", file.toString(), "-T", "fields", "-e", "icmp.type").out();
            assertEquals(4, frames.lines().count(), "the frames captured before down are in the file: " + frames);
            Files.delete(file);
        }
    }
}
