package dev.lanyard.dataplane.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.lanyard.dataplane.Switch;
import dev.lanyard.dataplane.SwitchConfig;
import dev.lanyard.dataplane.forward.PortSettings;
import dev.lanyard.dataplane.lab.HandLab;
import dev.lanyard.dataplane.lab.OwnThread;
import dev.lanyard.dataplane.linux.NetnsExec;
import dev.lanyard.dataplane.port.packet.PacketPortConfig;
import dev.lanyard.dataplane.port.packet.VethPort;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every byte of a TCP stream arrives as sent through the switch, with the hosts' offloads on (GSO frames through
 * the vnet header, TX ring slots reused while receivers still hold data).
 */
@Tag("netns")
class TcpIntegrityTest {
    private static final int BYTES = 64 << 20;

    private static Socket accept(ServerSocket server) throws java.io.IOException {
        try (server) {
            return server.accept();
        }
    }

    @Test
    void aTcpStreamThroughTheSwitchArrivesByteForByte() throws Exception {
        Assumptions.assumeTrue(HandLab.canCreateNamespaces(), "needs root to create network namespaces");
        try (HandLab lab = HandLab.build(2)) {
            Switch sw = new Switch(SwitchConfig.defaults("tcp"));
            try (Dataplane dp = new Dataplane(sw, DataplaneOptions.defaults("tcp"))) {
                for (int i = 1; i <= 2; i++) {
                    dp.attach(VethPort.open(lab.switchEnd(i), HandLab.nsPath(lab.switchNs()), 1,
                            PacketPortConfig.DEFAULT), PortSettings.DEFAULT);
                }
                ServerSocket server = NetnsExec.call(HandLab.nsPath(lab.hostNs(2)), () -> {
                    ServerSocket s = new ServerSocket();
                    s.bind(new InetSocketAddress(InetAddress.getByName(lab.ip(2)), 5555));
                    return s;
                });
                CompletableFuture<byte[]> received = OwnThread.supply("test-receiver", () -> {
                    try (Socket s = accept(server)) {
                        InputStream in = s.getInputStream();
                        MessageDigest d = MessageDigest.getInstance("SHA-256");
                        byte[] buf = new byte[1 << 16];
                        int n = in.read(buf);
                        while (n > 0) {
                            d.update(buf, 0, n);
                            n = in.read(buf);
                        }
                        return d.digest();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                byte[] sent = NetnsExec.call(HandLab.nsPath(lab.hostNs(1)), () -> {
                    try (Socket s = new Socket(InetAddress.getByName(lab.ip(2)), 5555);
                            OutputStream out = s.getOutputStream()) {
                        MessageDigest d = MessageDigest.getInstance("SHA-256");
                        Random rnd = new Random(42);
                        byte[] buf = new byte[1 << 16];
                        for (int left = BYTES; left > 0; left -= buf.length) {
                            rnd.nextBytes(buf);
                            out.write(buf);
                            d.update(buf);
                        }
                        return d.digest();
                    }
                });
                assertArrayEquals(sent, received.get(60, TimeUnit.SECONDS), "SHA-256 of 64 MiB sent and received");
            }
        }
    }
}
