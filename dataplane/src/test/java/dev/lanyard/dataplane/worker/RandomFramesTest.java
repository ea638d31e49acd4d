package dev.lanyard.dataplane.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanyard.dataplane.counter.PortCounter;
import dev.lanyard.dataplane.counter.PortStats;
import dev.lanyard.dataplane.forward.DropReason;
import dev.lanyard.dataplane.frame.EtherType;
import dev.lanyard.dataplane.frame.EthernetFlyweight;
import dev.lanyard.dataplane.frame.FrameBuilder;
import dev.lanyard.dataplane.frame.PacketDecoder;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random bytes, random truncations and random tags through the decoder and the forwarding core: nothing escapes,
 * and every frame received is forwarded, flooded or dropped with a reason.
 */
class RandomFramesTest {
    private static final int FRAMES = 200_000;

    @Test
    void everyRandomFrameIsAccountedForAndNothingThrows() {
        SwitchFixture f = new SwitchFixture(4);
        Random rnd = new Random(20261122);
        PacketDecoder decoder = new PacketDecoder();
        long[] sent = new long[4];
        for (int n = 0; n < FRAMES; n++) {
            byte[] frame = randomFrame(rnd);
            int port = rnd.nextInt(4);
            sent[port]++;
            if (rnd.nextInt(8) == 0) {
                f.ports.get(port).injectStripped(frame, rnd.nextBoolean() ? 0 : EtherType.QINQ, rnd.nextInt(65536));
            } else {
                f.ports.get(port).inject(frame);
            }
            decoder.decode(ByteBuffer.wrap(frame), 0, frame.length, 0, EthernetFlyweight.NO_TAG);
            decoder.summary();
            if (n % 64 == 63) {
                for (int p = 0; p < 4; p++) {
                    f.drain(p);
                }
                f.taken();
            }
        }
        for (int p = 0; p < 4; p++) {
            f.drain(p);
        }
        long drops = 0;
        for (int p = 0; p < 4; p++) {
            PortStats s = f.sw.stats(p);
            assertEquals(sent[p], s.get(PortCounter.RX_FRAMES), "port " + p + " received");
            assertEquals(s.get(PortCounter.RX_FRAMES),
                    s.get(PortCounter.UNICAST) + s.get(PortCounter.FLOODED) + s.get(PortCounter.RX_DROPS),
                    "port " + p + ": forwarded + flooded + dropped");
            long byReason = 0;
            for (DropReason r : DropReason.values()) {
                if (r != DropReason.TX_FULL && r != DropReason.OVERSIZE) {
                    byReason += s.drops(r);
                }
            }
            assertEquals(s.get(PortCounter.RX_DROPS), byReason, "port " + p + ": every drop has a reason");
            drops += s.get(PortCounter.RX_DROPS);
        }
        assertTrue(drops > 0 && drops < FRAMES, "a mix of good and bad frames: " + drops);
    }

    private static byte[] randomFrame(Random rnd) {
        switch (rnd.nextInt(5)) {
            case 0: {
                byte[] b = new byte[rnd.nextInt(80)];
                rnd.nextBytes(b);
                return b;
            }
            case 1: {
                long dst = rnd.nextBoolean() ? 0x0200_0000_0000L | rnd.nextInt(64) : rnd.nextLong() & 0xFFFF_FFFF_FFFFL;
                FrameBuilder fb = new FrameBuilder().src(0x0200_0000_0000L | rnd.nextInt(64)).dst(dst);
                for (int t = rnd.nextInt(3); t > 0; t--) {
                    fb.tag(rnd.nextBoolean() ? EtherType.VLAN : EtherType.QINQ, rnd.nextInt(4096), rnd.nextInt(8));
                }
                byte[] full = fb.udp4(rnd.nextInt(), rnd.nextInt(), 1, 2, rnd.nextInt(200)).build();
                return Arrays.copyOf(full, rnd.nextInt(full.length + 1));
            }
            case 2: {
                byte[] b = new FrameBuilder().src(0x0200_0000_0000L | rnd.nextInt(64))
                        .payload(rnd.nextInt(65536), new byte[rnd.nextInt(100)]).build();
                return b;
            }
            case 3: {
                byte[] b = new byte[14 + rnd.nextInt(40)];
                rnd.nextBytes(b);
                b[12] = (byte) 0x81;
                b[13] = 0;
                return b;
            }
            default: {
                return new FrameBuilder().src(rnd.nextLong() & 0xFFFF_FFFF_FFFFL)
                        .dst(0x0200_0000_0000L | rnd.nextInt(64)).arpRequest(rnd.nextInt(), rnd.nextInt()).build();
            }
        }
    }
}
