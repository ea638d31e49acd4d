package dev.lanyard.bench.e2e;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchConfigTest {
    private static BenchConfig config(List<String> systems, List<String> tests, int rounds, double duration,
                                      String portRps) {
        return new BenchConfig(systems, rounds, duration, 1, tests, 100, 10, portRps, List.of(), Path.of("x.jar"),
                Path.of("out"), null, "./lanyard bench");
    }

    @Test
    void unknownSystemOrTestIsNamedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> config(List.of("lanyard", "vpp"), List.of("tcp"), 1, 5, "all"));
        assertEquals("--systems: unknown system \"vpp\"; known: [lanyard, bridge, ovs, direct]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> config(List.of("bridge"), List.of("udp"), 1, 5, "all"));
        assertTrue(e.getMessage().startsWith("--tests: unknown test \"udp\""), e.getMessage());
    }

    @Test
    void badNumbersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> config(List.of("bridge"), List.of("tcp"), 0, 5, "all"));
        assertThrows(IllegalArgumentException.class, () -> config(List.of("bridge"), List.of("tcp"), 1, 0.1, "all"));
        assertThrows(IllegalArgumentException.class, () -> config(List.of("bridge"), List.of("tcp"), 1, 5, "some"));
        assertThrows(IllegalArgumentException.class,
                () -> config(List.of("bridge", "bridge"), List.of("tcp"), 1, 5, "all"));
    }

    @Test
    void shortRunsLeaveNothingOutOfIperf3() {
        BenchConfig quick = config(List.of("bridge"), List.of("tcp"), 1, 1, "all");
        assertEquals(0, quick.tcpOmitSeconds());
        assertEquals(1, quick.tcpSeconds());
        BenchConfig full = config(List.of("bridge"), List.of("tcp"), 1, 5, "bridge");
        assertEquals(1, full.tcpOmitSeconds());
        assertEquals(5, full.tcpSeconds());
    }

    @Test
    void commandLineIsQuotedForAShell() {
        assertEquals("./lanyard bench --quick --lanyard-args '--busy-poll --workers 2' --systems lanyard,bridge",
                BenchMain.commandLine(List.of("--quick", "--lanyard-args", "--busy-poll --workers 2", "--systems",
                        "lanyard,bridge")));
        assertEquals("./lanyard bench --out 'it'\\''s'", BenchMain.commandLine(List.of("--out", "it's")));
    }

    @Test
    void progressTimesReadLikeDurations() {
        assertEquals("35s", Progress.duration(35.2));
        assertEquals("4m05s", Progress.duration(245));
        assertEquals("0s", Progress.duration(-3));
    }
}
