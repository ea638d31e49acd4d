package dev.lanyard.dataplane.lab;

import dev.lanyard.dataplane.linux.Errno;
import dev.lanyard.dataplane.linux.IfPacket;
import dev.lanyard.dataplane.linux.NetIf;
import dev.lanyard.dataplane.linux.NetnsExec;
import dev.lanyard.dataplane.linux.Socket;
import dev.lanyard.dataplane.linux.Unistd;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Sends hand-made frames from inside a namespace through a raw AF_PACKET socket (tagged frames, oversize ones). */
public final class RawFrames {
    private RawFrames() {
    }

    /** Sends each frame once on {@code ifname} in the namespace at {@code nsPath}. */
    public static void send(String nsPath, String ifname, byte[]... frames) throws IOException {
        NetnsExec.call(nsPath, () -> {
            int fd = Socket.socket(Socket.AF_PACKET, Socket.SOCK_RAW | Socket.SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw Errno.exception("socket(AF_PACKET)", ifname);
            }
            try {
                byte[] sll = IfPacket.sockaddrLl(0, NetIf.indexOf(ifname));
                if (Socket.bind(fd, sll, sll.length) != 0) {
                    throw Errno.exception("bind(AF_PACKET)", ifname);
                }
                for (byte[] f : frames) {
                    ByteBuffer b = ByteBuffer.allocateDirect(f.length).put(f).flip();
                    if (Socket.sendto(fd, b, f.length, 0, null, 0) != f.length) {
                        throw Errno.exception("sendto(AF_PACKET, " + f.length + " bytes)", ifname);
                    }
                }
                return null;
            } finally {
                Unistd.close(fd);
            }
        });
    }
}
