package dev.lanyard.control.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanyard.control.api.ApiClient;
import dev.lanyard.dataplane.lab.Cmd;
import dev.lanyard.dataplane.lab.HandLab;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The management API under abuse (RELIABILITY.md case 6): only root can open it, nothing listens on TCP, and a
 * slow client, a half-closed one and a hundred at once all get answers while the switch forwards.
 */
@Tag("netns")
class ApiAbuseTest {
    @Test
    void theApiIsPrivateAndAnswersEveryoneWhileTheSwitchForwards() throws Exception {
        Assumptions.assumeTrue(HandLab.canCreateNamespaces(), "needs root to create network namespaces");
        try (TestLab t = TestLab.of("lab3-docker0.yaml", "ns0", "ns1", "ns2", "docker0")) {
            t.up();
            Path socket = new LabPaths(t.stateDir).socket(t.lab);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
            assertEquals("root", Files.getOwner(socket).getName());
            String pid = "pid=" + t.daemonPid() + ",";
            assertFalse(Cmd.check("ss", "-ltnp").out().contains(pid), "no TCP listener");
            assertFalse(Cmd.check("ss", "-lunp").out().contains(pid), "no UDP socket");

            Cmd.Running ping = Cmd.start("ip", "netns", "exec", t.n("ns0"), "ping", "-q", "-c", "60", "-i", "0.05",
                    "-W", "1", "172.17.0.102");
            try (SocketChannel slow = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                slow.connect(UnixDomainSocketAddress.of(socket));
                slow.write(ByteBuffer.wrap("GET /v1/health HTTP/1.1\r\nHo".getBytes(StandardCharsets.US_ASCII)));

                try (SocketChannel half = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    half.connect(UnixDomainSocketAddress.of(socket));
                    half.write(ByteBuffer.wrap("GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII)));
                    half.shutdownOutput();
                    InputStream in = Channels.newInputStream(half);
                    String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
                    assertEquals("HTTP/1.1 200", head, "a half-closed client still gets its answer");
                }

                ExecutorService clients = Executors.newFixedThreadPool(100);
                List<Future<Integer>> answers = new ArrayList<>();
                long start = System.nanoTime();
                for (int i = 0; i < 100; i++) {
                    answers.add(clients.submit(() -> new ApiClient(socket).call("GET", "/v1/switches/"
                            + t.n("docker0") + "/ports", null).status()));
                }
                int ok = 0;
                for (Future<Integer> f : answers) {
                    ok += f.get(30, TimeUnit.SECONDS) == 200 ? 1 : 0;
                }
                clients.shutdown();
                System.out.println("RELIABILITY case 6: 100 concurrent clients answered in "
                        + (System.nanoTime() - start) / 1_000_000 + " ms with a slow client connected");
                assertEquals(100, ok, "every client got an answer");
            }
            Cmd.Result r = ping.await(30);
            assertTrue(r.out().contains(" 0% packet loss"), "the switch forwarded throughout: " + r.out());
        }
    }

    @Test
    void aTcpListenerOnlyWhenTheTopologyAsksAndOnlyOnLoopback() throws Exception {
        Assumptions.assumeTrue(HandLab.canCreateNamespaces(), "needs root to create network namespaces");
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        String yaml = "lab: tcpapi\napi: {tcp: 127.0.0.1:" + port + "}\nswitches: {sw: {}}\nhosts:\n"
                + "  h1: {interfaces: {eth0: {switch: sw, addresses: [10.9.0.1/24]}}}\n"
                + "  h2: {interfaces: {eth0: {switch: sw, addresses: [10.9.0.2/24]}}}\n";
        try (TestLab t = TestLab.ofText("tcpapi.yaml", yaml, "sw", "h1", "h2")) {
            t.up();
            String listening = Cmd.check("ss", "-ltnpH").out();
            String pid = "pid=" + t.daemonPid() + ",";
            List<String> mine = listening.lines().filter(l -> l.contains(pid)).toList();
            assertEquals(1, mine.size(), "one TCP listener: " + mine);
            assertTrue(mine.get(0).contains("127.0.0.1:" + port), "on loopback: " + mine.get(0));
            try (Socket c = new Socket(InetAddress.getLoopbackAddress(), port)) {
                c.getOutputStream().write(("GET /v1/switches/" + t.n("sw") + "/ports HTTP/1.1\r\nHost: x\r\n"
                        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                String answer = new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
                assertTrue(answer.contains("\"" + t.portFacing("h1") + "\""), "the same API: " + answer);
            }
            assertTrue(t.ping("h1", "10.9.0.2"), "and the lab works");
        }
    }
}
