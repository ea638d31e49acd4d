package dev.lanyard.bench.e2e.probe;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParsersTest {
    private static String resource(String name) throws IOException {
        try (InputStream in = ParsersTest.class.getResourceAsStream("/e2e/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void iperf3ReportsTheReceiversThroughputAndTheSendersRetransmits() throws IOException {
        Iperf3Result r = Iperf3Result.parse(resource("iperf3-two-streams.json"));
        assertTrue(r.ok());
        assertEquals(29809961694.277725, r.bitsPerSecond(), 1e-3);
        assertEquals(29.81, r.gbps(), 0.01);
        assertEquals(30405, r.retransmits());
    }

    @Test
    void iperf3ErrorIsAFailureEvenThoughItExitedZero() throws IOException {
        Iperf3Result r = Iperf3Result.parse(resource("iperf3-connect-timeout.json"));
        assertFalse(r.ok());
        assertEquals("unable to connect to server: Connection timed out", r.error());
        assertTrue(Double.isNaN(r.bitsPerSecond()));
    }

    @Test
    void iperf3OutputThatIsNotJsonSaysSo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Iperf3Result.parse("iperf3: error - unable to connect"));
        assertTrue(e.getMessage().startsWith("iperf3 output is not JSON"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Iperf3Result.parse("{\"end\": {}}"));
    }

    @Test
    void procStatGivesSampledBusyAndIdleTicksPerCpu() {
        String text = "cpu  251667 0 55716 795499 608 0 40749 184 0 0\n"
                + "cpu0 122243 0 36206 396097 128 0 17757 74 0 0\n"
                + "cpu1 129424 1 19510 399401 480 2 22991 109 0 0\n"
                + "intr 24074428 0 0\nctxt 1234\n";
        Map<Integer, ProcStat.CpuTimes> cpus = ProcStat.parse(text);
        assertEquals(2, cpus.size());
        assertEquals(122243 + 36206 + 17757, cpus.get(0).sampledBusy());
        assertEquals(396097 + 128 + 74, cpus.get(0).idle());
        assertEquals(129424 + 1 + 19510 + 2 + 22991, cpus.get(1).sampledBusy());
    }

    @Test
    void aCoresBusyTimeIsTheWallTimeItWasNotIdle() {
        CpuMeter meter = new CpuMeter(100);
        CpuMeter.Reading a = new CpuMeter.Reading(0, Map.of(1, new ProcStat.CpuTimes(0, 1000)), 50);
        // 5 s pass; the tick saw 40 busy ticks, but the core was idle for only 1.84 s of them.
        CpuMeter.Reading b = new CpuMeter.Reading(5_000_000_000L, Map.of(1, new ProcStat.CpuTimes(40, 1184)), 350);
        assertEquals(3.16, meter.coreBusySeconds(a, b, 1), 1e-9);
        assertEquals(0.632, meter.busyShare(a, b, 1), 1e-9);
        assertEquals(3.0, meter.processSeconds(a, b), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> meter.busyShare(a, b, 0));
    }

    @Test
    void procStatWithTooFewFieldsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ProcStat.parse("cpu0 1 2 3\n"));
    }

    @Test
    void procPidStatAddsUtimeAndStime() {
        String text = "6600 (cat) R 6597 6597 11145 0 -1 4194304 100 0 0 0 17 4 0 0 20 0 1 0 575224 3133440 410\n";
        assertEquals(21, ProcPidStat.cpuTicks(text));
    }

    @Test
    void procPidStatSurvivesACommandNameWithSpacesAndParentheses() {
        String text = "42 (a (b) c) S 1 42 42 0 -1 4194560 5 0 0 0 300 200 0 0 20 0 30 0 99 1 1\n";
        assertEquals(500, ProcPidStat.cpuTicks(text));
    }

    @Test
    void procPidStatWithoutCommandNameIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ProcPidStat.cpuTicks("42 S 1 2 3"));
    }

    @Test
    void pingSummaryInMicroseconds() {
        PingSummary s = PingSummary.parse("PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data.\n\n"
                + "--- 127.0.0.1 ping statistics ---\n"
                + "200 packets transmitted, 199 received, 0.5% packet loss, time 2015ms\n"
                + "rtt min/avg/max/mdev = 0.028/0.032/0.136/0.004 ms\n");
        assertEquals(200, s.transmitted());
        assertEquals(199, s.received());
        assertEquals(28, s.minUs(), 1e-9);
        assertEquals(32, s.avgUs(), 1e-9);
        assertEquals(136, s.maxUs(), 1e-9);
        assertEquals(0.5, s.lossPercent(), 1e-9);
    }

    @Test
    void pingWithoutRepliesHasNoRoundTrips() {
        PingSummary s = PingSummary.parse("--- 10.255.255.1 ping statistics ---\n"
                + "2 packets transmitted, 0 received, +2 errors, 100% packet loss, time 1010ms\n");
        assertEquals(100, s.lossPercent(), 1e-9);
        assertTrue(Double.isNaN(s.avgUs()));
        assertThrows(IllegalArgumentException.class, () -> PingSummary.parse("connect: Network is unreachable"));
    }

    @Test
    void trafgenSummaryCountsFramesOrNamesWhyItDied() {
        String ok = "     1 packets to schedule\n    60 bytes in total\nRunning! Hang up with ^C!\n\n"
                + "\r     1803806 packets outgoing\n\r   108228360 bytes outgoing\n"
                + "\r           2 sec, 995816 usec on CPU0 (1803806 packets)\n";
        assertEquals(1803806, TrafgenSummary.packetsOutgoing(ok).getAsLong());
        assertNull(TrafgenSummary.failure(ok));
        String died = "     1 packets to schedule\nRunning! Hang up with ^C!\n\n"
                + "Flushing TX_RING failed: Resource temporarily unavailable!\n";
        assertFalse(TrafgenSummary.packetsOutgoing(died).isPresent());
        assertEquals("Flushing TX_RING failed: Resource temporarily unavailable!", TrafgenSummary.failure(died));
        assertEquals("trafgen printed nothing", TrafgenSummary.failure(""));
    }

    @Test
    void trafgenConfigIsOneFrameOfTheAskedSize() {
        String cfg = FrameRateProbe.trafgenConfig(new byte[] {2, 0, 0, 0, 0, 2}, new byte[] {2, 0, 0, 0, 0, 1}, 60);
        assertEquals("{ 0x02, 0x00, 0x00, 0x00, 0x00, 0x02, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01, c16(0x88b5), "
                + "fill(0x00, 46) }" + System.lineSeparator(), cfg);
        assertTrue(FrameRateProbe.trafgenConfig(FrameRateProbe.UNKNOWN_MAC, new byte[6], 1514)
                .contains("fill(0x00, 1500)"));
    }

    @Test
    void ethtoolFeaturesOfInterestAreOnOrOff() {
        Map<String, String> f = Offloads.parse("Features for eth0:\nrx-checksumming: on\ntx-checksumming: off\n"
                + "\ttx-checksum-ip-generic: off\nscatter-gather: on\ntcp-segmentation-offload: off\n"
                + "\ttx-tcp-segmentation: off [requested on]\ngeneric-segmentation-offload: on\n");
        assertEquals(Map.of("tx-checksumming", "off", "tcp-segmentation-offload", "off",
                "generic-segmentation-offload", "on"), f);
    }
}
