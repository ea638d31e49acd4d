package dev.lanyard.tools.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lanyard.tools.AllocationMeter;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FilterTableTest {
    @BeforeAll
    static void libpcapPresent() {
        assumeTrue(LibPcap.LOAD_ERROR == null, LibPcap.LOAD_ERROR);
    }

    static List<FilterCases.Case> cases() {
        return FilterCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void compiledExpressionKeepsExactlyTheExpectedFrames(FilterCases.Case c) throws FilterException {
        Filter filter = Filter.compile(c.expression());
        assertEquals(c.keeps(), kept(filter, TestFrames.all()), "frames kept by \"" + c.expression() + "\"\n"
                + filter.program());
    }

    @Test
    void matchingAllocatesNothing() throws FilterException {
        Filter filter = Filter.compile("vlan and host 10.0.0.1 or tcp[tcpflags] & tcp-syn != 0 or ip[2:2] / 7 = 204");
        BpfContext context = new BpfContext();
        List<TestFrames.Frame> frames = TestFrames.all();
        ByteBuffer[] buffers = frames.stream().map(f -> ByteBuffer.wrap(f.bytes())).toArray(ByteBuffer[]::new);
        int[] matched = new int[1];
        long allocated = AllocationMeter.bytesAllocatedBy(() -> {
            for (int round = 0; round < 20_000; round++) {
                for (int i = 0; i < buffers.length; i++) {
                    if (filter.matches(context, buffers[i], 0, buffers[i].limit(), frames.get(i).wireLength())) {
                        matched[0]++;
                    }
                }
            }
        });
        assertEquals(0, allocated, "bytes allocated by 340,000 matches");
    }

    /** Runs each frame at a non-zero offset of a little-endian buffer, to show neither matters. */
    static Set<String> kept(Filter filter, List<TestFrames.Frame> frames) {
        Set<String> kept = new LinkedHashSet<>();
        for (TestFrames.Frame frame : frames) {
            ByteBuffer buffer = ByteBuffer.allocate(frame.bytes().length + 7).order(ByteOrder.LITTLE_ENDIAN);
            buffer.put(7, frame.bytes());
            if (filter.matches(buffer, 7, frame.bytes().length, frame.wireLength())) {
                kept.add(frame.name());
            }
        }
        return kept;
    }
}
