package dev.lanyard.dataplane.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanyard.dataplane.Switch;
import dev.lanyard.dataplane.SwitchConfig;
import dev.lanyard.dataplane.counter.PortCounter;
import dev.lanyard.dataplane.fdb.MacTable;
import dev.lanyard.dataplane.forward.DropReason;
import dev.lanyard.dataplane.forward.PortSettings;
import dev.lanyard.dataplane.frame.FrameBuilder;
import dev.lanyard.dataplane.lab.Cmd;
import dev.lanyard.dataplane.lab.HandLab;
import dev.lanyard.dataplane.lab.RawFrames;
import dev.lanyard.dataplane.port.PortKind;
import dev.lanyard.dataplane.port.packet.PacketPortConfig;
import dev.lanyard.dataplane.port.packet.VethPort;
import dev.lanyard.dataplane.port.tap.TapPort;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The switch on real veth pairs and a gateway TAP, in LABS.md lab 3 built by hand, with the hosts' own tools on the
 * other side and the hosts' default offloads left on.
 */
@Tag("netns")
class VethSwitchTest {
    private static HandLab lab;
    private static Switch sw;
    private static Dataplane dataplane;
    private static String gateway;

    @BeforeAll
    static void buildLab() throws Exception {
        Assumptions.assumeTrue(HandLab.canCreateNamespaces(), "needs root to create network namespaces");
        lab = HandLab.build(3);
        boolean ready = false;
        try {
            sw = new Switch(SwitchConfig.defaults("t"));
            dataplane = new Dataplane(sw, DataplaneOptions.defaults("t"));
            for (int i = 1; i <= 3; i++) {
                attachHost(i);
            }
            gateway = lab.prefix() + "gw";
            dataplane.attach(TapPort.open(gateway, HandLab.nsPath(lab.switchNs()), PortKind.INTERNAL, 1),
                    PortSettings.DEFAULT);
            Cmd.check("ip", "-n", lab.switchNs(), "addr", "add", "172.17.0.1/16", "dev", gateway);
            Cmd.check("ip", "-n", lab.switchNs(), "link", "set", gateway, "up");
            ready = true;
        } finally {
            if (!ready) {
                tearDown();
            }
        }
    }

    private static void attachHost(int i) throws Exception {
        dataplane.attach(VethPort.open(lab.switchEnd(i), HandLab.nsPath(lab.switchNs()), sw.workers(),
                PacketPortConfig.DEFAULT), PortSettings.DEFAULT);
    }

    @AfterAll
    static void tearDown() throws Exception {
        try {
            if (dataplane != null) {
                dataplane.close();
            }
        } finally {
            if (lab != null) {
                lab.close();
            }
        }
    }

    @Test
    void pingsEveryPairAndTheGateway() {
        for (int a = 1; a <= 3; a++) {
            for (int b = 1; b <= 3; b++) {
                if (a != b) {
                    assertTrue(lab.ping(lab.hostNs(a), lab.ip(b), 2), "h" + a + " -> h" + b);
                }
            }
            assertTrue(lab.ping(lab.hostNs(a), "172.17.0.1", 2), "h" + a + " -> gateway");
            assertTrue(lab.ping(lab.switchNs(), lab.ip(a), 2), "gateway -> h" + a);
        }
        assertEquals(0, dataplane.handleFailures());
    }

    @Test
    void arpingGetsAnswersThroughTheSwitch() {
        Cmd.Result r = lab.exec(10, lab.hostNs(1), "arping", "-c", "2", "-w", "5", "-I", "eth0", lab.ip(3));
        assertTrue(r.ok(), r.out() + r.err());
    }

    @Test
    void tcpAndUdpPassBothWaysWithDefaultOffloadsAndNoChecksumErrors() {
        Cmd.Running server = lab.start(lab.hostNs(2), "iperf3", "-s", "-1");
        try {
            sleep(500);
            Cmd.Result tcp = lab.exec(30, lab.hostNs(1), "iperf3", "-c", lab.ip(2), "-t", "2", "-J");
            assertTrue(tcp.ok(), tcp.out() + tcp.err());
            assertTrue(receivedBytes(tcp.out()) > 10_000_000, "TCP h1 -> h2 moved data: " + tail(tcp.out()));
        } finally {
            server.await(10);
        }
        server = lab.start(lab.hostNs(2), "iperf3", "-s", "-1");
        try {
            sleep(500);
            Cmd.Result reverse = lab.exec(30, lab.hostNs(1), "iperf3", "-c", lab.ip(2), "-t", "2", "-R", "-J");
            assertTrue(reverse.ok(), reverse.out() + reverse.err());
            assertTrue(receivedBytes(reverse.out()) > 10_000_000, "TCP h2 -> h1: " + tail(reverse.out()));
        } finally {
            server.await(10);
        }
        server = lab.start(lab.hostNs(3), "iperf3", "-s", "-1");
        try {
            sleep(500);
            Cmd.Result udp = lab.exec(30, lab.hostNs(1), "iperf3", "-c", lab.ip(3), "-u", "-b", "200M", "-t", "2",
                    "-J");
            assertTrue(udp.ok(), udp.out() + udp.err());
            assertTrue(receivedBytes(udp.out()) > 1_000_000, "UDP h1 -> h3: " + tail(udp.out()));
        } finally {
            server.await(10);
        }
        for (int h = 1; h <= 3; h++) {
            String nstat = lab.exec(lab.hostNs(h), "nstat", "-az", "TcpInCsumErrors", "UdpInCsumErrors").out();
            assertEquals(0, counter(nstat, "TcpInCsumErrors"), "h" + h + ": " + nstat);
            assertEquals(0, counter(nstat, "UdpInCsumErrors"), "h" + h + ": " + nstat);
        }
    }

    @Test
    void aThirdHostSeesNoUnicastBetweenTheOthersOnceLearned() {
        assertTrue(lab.ping(lab.hostNs(1), lab.ip(2), 2));
        Cmd.Running dump = lab.start(lab.hostNs(3), "timeout", "4", "tcpdump", "-i", "eth0", "-nn", "-l",
                "icmp and not broadcast");
        sleep(1_000);
        assertTrue(lab.ping(lab.hostNs(1), lab.ip(2), 5));
        Cmd.Result r = dump.await(10);
        assertTrue(r.err().contains("listening on eth0"), r.err());
        assertEquals("", r.out().trim(), "h3 saw unicast between h1 and h2");
        long h2 = lab.mac(2);
        assertEquals(sw.ports().indexOf(lab.switchEnd(2)), MacTable.portOf(sw.fdb().lookup(0, h2)));
    }

    @Test
    void removingAndAddingAPortAtRuntimeLeavesTheOthersAlone() throws Exception {
        Cmd.Running ping = lab.start(lab.hostNs(1), "ping", "-q", "-c", "40", "-i", "0.05", "-W", "1", lab.ip(2));
        sleep(300);
        dataplane.detach(lab.switchEnd(3));
        assertTrue(!lab.ping(lab.hostNs(3), lab.ip(1), 1), "h3 is cut off");
        attachHost(3);
        assertTrue(lab.ping(lab.hostNs(3), lab.ip(1), 2), "h3 is back at once");
        Cmd.Result r = ping.await(20);
        assertTrue(r.ok() && r.out().contains(" 0% packet loss"), "h1 -> h2 undisturbed: " + r.out());
    }

    @Test
    void aTaggedFrameArrivesTaggedWithItsVlanAndPriority() throws Exception {
        long dst = lab.mac(2);
        byte[] frame = new FrameBuilder().src(lab.mac(1)).dst(dst).vlan(42, 5)
                .udp4(FrameBuilder.ipv4("10.42.0.1"), FrameBuilder.ipv4("10.42.0.2"), 4242, 4242, 32).build();
        Cmd.Running dump = lab.start(lab.hostNs(2), "timeout", "5", "tcpdump", "-i", "eth0", "-e", "-nn", "-l",
                "-c", "1", "vlan 42");
        sleep(1_000);
        RawFrames.send(HandLab.nsPath(lab.hostNs(1)), "eth0", frame);
        Cmd.Result r = dump.await(10);
        assertTrue(r.out().contains("vlan 42, p 5"), "tcpdump in h2 saw: " + r.out() + r.err());
    }

    @Test
    void aFrameLargerThanTheEgressMtuIsDroppedAndCounted() throws Exception {
        int s1 = sw.ports().indexOf(lab.switchEnd(1));
        int s2 = sw.ports().indexOf(lab.switchEnd(2));
        Cmd.check("ip", "-n", lab.hostNs(1), "link", "set", "eth0", "mtu", "4000");
        Cmd.check("ip", "-n", lab.switchNs(), "link", "set", lab.switchEnd(1), "mtu", "4000");
        try {
            assertTrue(lab.ping(lab.hostNs(2), lab.ip(1), 1), "learn h2");
            long before = sw.stats(s2).drops(DropReason.OVERSIZE);
            byte[] big = new FrameBuilder().src(lab.mac(1)).dst(lab.mac(2)).payloadLength(3000).build();
            RawFrames.send(HandLab.nsPath(lab.hostNs(1)), "eth0", big);
            long deadline = System.currentTimeMillis() + 3_000;
            while (sw.stats(s2).drops(DropReason.OVERSIZE) == before && System.currentTimeMillis() < deadline) {
                sleep(50);
            }
            assertEquals(before + 1, sw.stats(s2).drops(DropReason.OVERSIZE));
            assertTrue(sw.stats(s1).get(PortCounter.UNICAST) > 0);
        } finally {
            Cmd.run("ip", "-n", lab.hostNs(1), "link", "set", "eth0", "mtu", "1500");
            Cmd.run("ip", "-n", lab.switchNs(), "link", "set", lab.switchEnd(1), "mtu", "1500");
        }
    }

    private static long receivedBytes(String iperfJson) {
        Matcher m = Pattern.compile("\"sum_received\"\\s*:\\s*\\{[^}]*\"bytes\"\\s*:\\s*(\\d+)").matcher(iperfJson);
        if (m.find()) {
            return Long.parseLong(m.group(1));
        }
        m = Pattern.compile("\"sum\"\\s*:\\s*\\{[^}]*\"bytes\"\\s*:\\s*(\\d+)").matcher(iperfJson);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static long counter(String nstat, String name) {
        Matcher m = Pattern.compile(name + "\\s+(\\d+)").matcher(nstat);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static String tail(String s) {
        return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
