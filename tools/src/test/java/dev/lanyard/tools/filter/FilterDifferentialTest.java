package dev.lanyard.tools.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lanyard.tools.pcapng.Direction;
import dev.lanyard.tools.pcapng.PcapngWriter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Our compiler and interpreter against tcpdump itself, reading the frames from a file PcapngWriter wrote. */
class FilterDifferentialTest {
    private static final long BASE_SECOND = 1_700_000_000L;

    @TempDir
    static Path dir;
    static Path capture;
    static List<TestFrames.Frame> frames;

    @BeforeAll
    static void writeFrames() throws IOException {
        assumeTrue(ExternalTool.onPath("tcpdump"), "tcpdump is not installed");
        assumeTrue(LibPcap.LOAD_ERROR == null, LibPcap.LOAD_ERROR);
        frames = TestFrames.all();
        capture = dir.resolve("frames.pcapng");
        try (PcapngWriter writer = PcapngWriter.create(capture)) {
            int port = writer.addInterface("sw-h1", BpfCompiler.DEFAULT_SNAPLEN);
            for (int i = 0; i < frames.size(); i++) {
                TestFrames.Frame frame = frames.get(i);
                // The frame's index is its timestamp's second, so tcpdump's -tt output names the frames it kept.
                writer.writePacket(port, (BASE_SECOND + i) * 1_000_000_000L, ByteBuffer.wrap(frame.bytes()), 0,
                        frame.bytes().length, frame.wireLength(), Direction.INBOUND);
            }
        }
    }

    static List<FilterCases.Case> cases() {
        return FilterCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void keepsTheFramesTcpdumpKeeps(FilterCases.Case c) throws Exception {
        List<String> command = new ArrayList<>(List.of("tcpdump", "-r", capture.toString(), "-nn", "-tt"));
        if (!c.expression().isEmpty()) {
            command.add(c.expression());
        }
        ExternalTool.Result result = ExternalTool.run(command);
        assertEquals(0, result.exitCode(), result.stderr());
        Set<String> tcpdumpKept = new LinkedHashSet<>();
        for (String line : result.stdout().split("\n")) {
            // Continuation lines (hex dumps of unknown ethertypes) start with white space; packet lines with the time.
            if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                int second = (int) (Long.parseLong(line.substring(0, line.indexOf('.'))) - BASE_SECOND);
                tcpdumpKept.add(frames.get(second).name());
            }
        }
        assertEquals(tcpdumpKept, FilterTableTest.kept(Filter.compile(c.expression()), frames),
                "tcpdump output:\n" + result.stdout());
    }

    @Test
    void programPrintsAsTcpdumpDashDPrintsIt() throws Exception {
        for (FilterCases.Case c : FilterCases.all()) {
            if (c.expression().isEmpty()) {
                continue;
            }
            ExternalTool.Result result = ExternalTool.run(List.of("tcpdump", "-r", capture.toString(), "-d",
                    c.expression()));
            assertEquals(0, result.exitCode(), result.stderr());
            String expected = result.stdout().lines().map(String::stripTrailing).reduce((a, b) -> a + "\n" + b)
                    .orElse("");
            assertEquals(expected, BpfCompiler.compile(c.expression(), BpfCompiler.DEFAULT_SNAPLEN).toString(),
                    c.expression());
        }
    }
}
