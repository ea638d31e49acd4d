package dev.lanyard.bench.e2e.report;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MedianTest {
    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        assertEquals(3.0, Median.of(List.of(5.0, 1.0, 3.0)));
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertEquals(2.5, Median.of(List.of(4.0, 1.0, 2.0, 3.0)));
        assertEquals(7.0, Median.of(List.of(7.0)));
        assertThrows(IllegalArgumentException.class, () -> Median.of(List.of()));
    }

    @Test
    void summaryTakesTheMedianOverRoundsPerSystemAndMetric() {
        Map<String, Map<String, Median>> index = Median.index(Fixtures.report().medians());
        assertEquals(11.5, index.get("lanyard").get("tcp1_gbps").value());
        assertEquals(15.0, index.get("bridge").get("udp_rtt_p50_us").value());
        assertEquals(2, index.get("bridge").get("udp_rtt_p50_us").rounds());
    }

    @Test
    void summaryKeepsAFailureWithItsReasonInsteadOfDroppingIt() {
        Median m = Median.index(Fixtures.report().medians()).get("lanyard").get("rate64_loss_pct");
        assertNull(m.value());
        assertEquals(2, m.failed());
        assertEquals("trafgen stopped: <oops> & \"why\"", m.failure());
    }

    @Test
    void summaryOfPartlyFailedRoundsUsesTheRoundsThatWorked() {
        List<Sample> s = List.of(Sample.of("ovs", 1, "tcp1_gbps", 2), Sample.failed("ovs", 2, "tcp1_gbps", "x"),
                Sample.of("ovs", 3, "tcp1_gbps", 4));
        Median m = Median.summarize(s, List.of("ovs")).get(0);
        assertEquals(3.0, m.value());
        assertEquals(2, m.rounds());
        assertEquals(1, m.failed());
        assertEquals("x", m.failure());
    }

    @Test
    void summaryLeavesOutWhatWasNeverMeasured() {
        assertNull(Median.index(Fixtures.report().medians()).get("direct").get("rate64_switch_cpu"));
    }

    @Test
    void aSampleHasAValueOrAFailureButNotBoth() {
        assertThrows(IllegalArgumentException.class, () -> new Sample("x", 1, "tcp1_gbps", 1.0, "why"));
        assertThrows(IllegalArgumentException.class, () -> new Sample("x", 1, "tcp1_gbps", null, null));
        assertThrows(IllegalArgumentException.class, () -> Sample.of("x", 1, "tcp1_gbps", Double.NaN));
    }
}
