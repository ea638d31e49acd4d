package dev.lanyard.tools.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanyard.dataplane.Switch;
import dev.lanyard.dataplane.SwitchConfig;
import dev.lanyard.dataplane.fdb.MacTable;
import dev.lanyard.dataplane.forward.PortSettings;
import dev.lanyard.dataplane.frame.MacAddress;
import dev.lanyard.dataplane.port.FrameBatch;
import dev.lanyard.dataplane.port.MemoryPort;
import dev.lanyard.dataplane.tap.FrameMatcher;
import dev.lanyard.dataplane.tap.LiveTrace;
import dev.lanyard.dataplane.tap.LiveTraceSpec;
import dev.lanyard.dataplane.tap.TapSelection;
import dev.lanyard.dataplane.trace.Tracer;
import dev.lanyard.dataplane.worker.Pipeline;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text of synthetic and live traces, line by line. */
class TraceTextTest {
    private static final long NOW = 5_000_000;
    private static final String H0 = "02:00:00:00:00:10";
    private static final String H1 = "02:00:00:00:00:11";
    private static final String H2 = "02:00:00:00:00:12";

    private final Switch sw = newSwitch(64, PortSettings.DEFAULT);

    private static Switch newSwitch(int capacity, PortSettings lastPort) {
        SwitchConfig cfg = SwitchConfig.defaults("t").withFdbCapacity(capacity);
        Switch s = new Switch(cfg, new MacTable(capacity, cfg.maxPorts(), 1));
        for (int p = 0; p < 4; p++) {
            s.addPort(new MemoryPort("sw-h" + p, 1), p == 3 ? lastPort : PortSettings.DEFAULT);
        }
        return s;
    }

    private static void learn(Switch s, int vid, String mac, int port, long ageMillis) {
        s.fdb().learn(vid, MacAddress.parse(mac), port, NOW - ageMillis, 0);
    }

    private static String trace(Switch s, int port, String frame) {
        return TraceText.render(Tracer.trace(s.ports(), s.fdb(), port, FrameSpec.parse(frame), NOW));
    }

    private String trace(int port, String frame) {
        return trace(sw, port, frame);
    }

    @Test
    void knownUnicast() {
        learn(sw, 0, H1, 1, 2_500);
        assertEquals("""
                Frame: 60 bytes on sw-h0 (port 0), not sent
                decode: 02:00:00:00:00:10 > 02:00:00:00:00:11, untagged, ethertype 0x0800 (IPv4): 10.0.0.1 > \
                10.0.0.2, ICMP echo request
                learn:  02:00:00:00:00:10 in vlan 0 on sw-h0: new
                lookup: 02:00:00:00:00:11 in vlan 0: hit on sw-h1 (dynamic, last seen 2.5 s ago)
                action: output to sw-h1
                """, trace(0, "icmp src=" + H0 + " dst=" + H1));
    }

    @Test
    void unknownUnicast() {
        assertEquals("""
                Frame: 60 bytes on sw-h0 (port 0), not sent
                decode: 02:00:00:00:00:10 > 02:00:00:00:00:11, untagged, ethertype 0x88b5
                learn:  02:00:00:00:00:10 in vlan 0 on sw-h0: new
                lookup: 02:00:00:00:00:11 in vlan 0: miss
                action: flood (unknown unicast) to [sw-h1, sw-h2, sw-h3]
                """, trace(0, "src=" + H0 + ",dst=" + H1));
    }

    @Test
    void broadcast() {
        learn(sw, 0, H0, 1, 10_000);
        assertEquals("""
                Frame: 60 bytes on sw-h0 (port 0), not sent
                decode: 02:00:00:00:00:10 > ff:ff:ff:ff:ff:ff, untagged, ethertype 0x0806 (ARP): who-has \
                172.17.0.102 tell 172.17.0.101
                learn:  02:00:00:00:00:10 in vlan 0 on sw-h0: move
                lookup: skipped: ff:ff:ff:ff:ff:ff is the broadcast address
                action: flood (broadcast) to [sw-h1, sw-h2, sw-h3]
                """, trace(0, "arp src=" + H0 + " sip=172.17.0.101 dip=172.17.0.102"));
    }

    @Test
    void reflection() {
        learn(sw, 0, H1, 2, 100);
        learn(sw, 0, H2, 2, 2_000);
        assertEquals("""
                Frame: 60 bytes on sw-h2 (port 2), not sent
                decode: 02:00:00:00:00:12 > 02:00:00:00:00:11, untagged, ethertype 0x88b5
                learn:  02:00:00:00:00:12 in vlan 0 on sw-h2: refresh
                lookup: 02:00:00:00:00:11 in vlan 0: hit on sw-h2, the ingress port (dynamic, last seen 0.1 s ago)
                action: drop: reflection (destination is on the ingress port)
                """, trace(2, "src=" + H2 + " dst=" + H1));
    }

    @Test
    void fullTable() {
        Switch small = newSwitch(2, PortSettings.DEFAULT);
        learn(small, 0, H1, 1, 0);
        learn(small, 0, H2, 2, 0);
        assertEquals("""
                Frame: 60 bytes on sw-h0 (port 0), not sent
                decode: 02:00:00:00:00:10 > 02:00:00:00:00:11, untagged, ethertype 0x88b5
                learn:  02:00:00:00:00:10 in vlan 0 on sw-h0: refused: table full
                lookup: 02:00:00:00:00:11 in vlan 0: hit on sw-h1 (dynamic, last seen 0.0 s ago)
                action: output to sw-h1
                """, trace(small, 0, "src=" + H0 + " dst=" + H1));
    }

    @Test
    void portLimit() {
        Switch limited = newSwitch(64, PortSettings.DEFAULT.withMacLimit(1));
        limited.fdb().learn(0, MacAddress.parse(H1), 3, NOW, 1);
        assertEquals("learn:  02:00:00:00:00:10 in vlan 0 on sw-h3: refused: port limit",
                line(trace(limited, 3, "src=" + H0 + " dst=" + H1), "learn:"));
    }

    @Test
    void runt() {
        assertEquals("""
                Frame: 10 bytes on sw-h1 (port 1), not sent
                decode: runt: 10 bytes, shorter than an Ethernet header (14)
                learn:  skipped: the frame did not decode
                lookup: skipped: the frame did not decode
                action: drop: runt (shorter than an Ethernet header)
                """, trace(1, "ffffffffffff02000000"));
    }

    @Test
    void linkLocalDestination() {
        assertEquals("""
                Frame: 60 bytes on sw-h0 (port 0), not sent
                decode: 02:00:00:00:00:10 > 01:80:c2:00:00:0e, untagged, ethertype 0x88cc
                learn:  02:00:00:00:00:10 in vlan 0 on sw-h0: new
                lookup: skipped: 01:80:c2:00:00:0e is an IEEE 802.1D link-local address
                action: drop: link-local (IEEE 802.1D link-local destination (01:80:c2:00:00:0x))
                """, trace(0, "src=" + H0 + " dst=01:80:c2:00:00:0e type=0x88cc"));
    }

    @Test
    void taggedFrame() {
        learn(sw, 10, H1, 3, 1_000);
        assertEquals("""
                Frame: 64 bytes on sw-h0 (port 0), not sent
                decode: 02:00:00:00:00:10 > 02:00:00:00:00:11, vlan 10 pcp 3, ethertype 0x0800 (IPv4): \
                10.1.0.1 > 10.1.0.2, UDP 5000 > 53
                learn:  02:00:00:00:00:10 in vlan 10 on sw-h0: new
                lookup: 02:00:00:00:00:11 in vlan 10: hit on sw-h3 (dynamic, last seen 1.0 s ago)
                action: output to sw-h3
                """, trace(0, "udp src=" + H0 + " dst=" + H1 + " vlan=10 pcp=3 sip=10.1.0.1 dip=10.1.0.2 "
                + "sport=5000 dport=53"));
    }

    @Test
    void multicastAndACopyTooBigForItsPort() {
        assertEquals("action: flood (multicast) to [sw-h1 (would be dropped: oversize), "
                + "sw-h2 (would be dropped: oversize), sw-h3 (would be dropped: oversize)]",
                line(trace(0, "src=" + H0 + " dst=01:00:5e:00:00:01 len=2000"), "action:"));
    }

    @Test
    void floodingWithNowhereToGoIsADrop() {
        Switch lonely = new Switch(SwitchConfig.defaults("t").withFdbCapacity(16));
        lonely.addPort(new MemoryPort("only", 1), PortSettings.DEFAULT);
        assertEquals("action: drop: no-egress (no other port to flood to)",
                line(trace(lonely, 0, "src=" + H0), "action:"));
    }

    @Test
    void reportStepsHaveKeysForJson() {
        TraceReport r = TraceReports.of(Tracer.trace(sw.ports(), sw.fdb(), 0, FrameSpec.parse("src=" + H0 + " dst="
                + H1), NOW));
        assertEquals(List.of("decode", "learn", "lookup", "action"), r.steps().stream().map(TraceStep::step).toList());
        assertEquals(List.of("ok", "new", "miss", "flood"), r.steps().stream().map(TraceStep::outcome).toList());
        assertEquals(List.of("sw-h1", "sw-h2", "sw-h3"), r.egress().stream().map(EgressReport::port).toList());
        assertEquals(null, r.nanosInSwitch());
        assertEquals(60, r.length());
    }

    @Test
    void aLiveTraceShowsTheTimeInTheSwitch() {
        LiveTrace live = sw.taps().startTrace(LiveTraceSpec.of(TapSelection.ALL, FrameMatcher.ALL));
        MemoryPort p1 = (MemoryPort) sw.ports().port(1);
        p1.inject(FrameSpec.parse("icmp src=" + H1 + " dst=" + H0));
        FrameBatch batch = new FrameBatch();
        p1.receive(batch);
        new Pipeline(sw, 0).process(1, batch);
        List<TraceReport> got = new ArrayList<>();
        live.poll(sw.ports(), t -> got.add(TraceReports.of(t)));
        String text = TraceText.render(got.get(0));
        assertTrue(text.matches("(?s)Frame: 60 bytes on sw-h1 \\(port 1\\) at \\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\n"
                + "decode: .*\naction: flood \\(unknown unicast\\) to \\[sw-h0, sw-h2, sw-h3\\]\n"
                + "time:   \\d+\\.\\d us in the switch\n"), text);
        assertTrue(got.get(0).nanosInSwitch() >= 0);
    }

    private static String line(String text, String prefix) {
        for (String l : text.split("\n")) {
            if (l.startsWith(prefix)) {
                return l;
            }
        }
        return "(no " + prefix + " line in)\n" + text;
    }
}
