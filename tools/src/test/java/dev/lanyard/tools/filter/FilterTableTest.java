package dev.lanyard.tools.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
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

    /** Runs each frame at a non-zero offset of a little-endian buffer, to show neither matters. */
    static Set<String> kept(Filter filter, List<TestFrames.Frame> frames) {
        Set<String> kept = new LinkedHashSet<>();
        for (TestFrames.Frame frame : frames) {
            ByteBuffer buffer = ByteBuffer.allocate(frame.bytes().length + 7).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            buffer.put(7, frame.bytes());
            if (filter.matches(buffer, 7, frame.bytes().length, frame.wireLength())) {
                kept.add(frame.name());
            }
        }
        return kept;
    }
}
