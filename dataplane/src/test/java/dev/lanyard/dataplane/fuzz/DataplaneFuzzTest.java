package dev.lanyard.dataplane.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lanyard.dataplane.Switch;
import dev.lanyard.dataplane.SwitchConfig;
import dev.lanyard.dataplane.counter.PortCounter;
import dev.lanyard.dataplane.counter.PortStats;
import dev.lanyard.dataplane.fdb.MacTable;
import dev.lanyard.dataplane.forward.PortSettings;
import dev.lanyard.dataplane.frame.EthernetFlyweight;
import dev.lanyard.dataplane.frame.PacketDecoder;
import dev.lanyard.dataplane.linux.VirtioNet;
import dev.lanyard.dataplane.offload.BufferArraySink;
import dev.lanyard.dataplane.offload.Checksums;
import dev.lanyard.dataplane.offload.GsoSegmenter;
import dev.lanyard.dataplane.port.FrameBatch;
import dev.lanyard.dataplane.port.MemoryPort;
import dev.lanyard.dataplane.worker.Pipeline;
import java.nio.ByteBuffer;

/**
 * Coverage-guided fuzzing of what reads untrusted bytes: the decoders, the forwarding core and the offload code.
 * A plain {@code mvn verify} replays the seeds and the corpus; {@code JAZZER_FUZZ=1} fuzzes (see RELIABILITY.md).
 */
class DataplaneFuzzTest {
    private static final int PORTS = 4;
    private static final Switch SW;
    private static final Pipeline PIPELINE;
    private static final MemoryPort[] PORT = new MemoryPort[PORTS];
    private static final FrameBatch BATCH = new FrameBatch();
    private static final PacketDecoder DECODER = new PacketDecoder();
    private static final GsoSegmenter SEGMENTER = new GsoSegmenter();
    private static final BufferArraySink SINK = BufferArraySink.allocate(GsoSegmenter.DEFAULT_MAX_SEGMENTS, 2048);

    static {
        SwitchConfig cfg = SwitchConfig.defaults("fuzz").withFdbCapacity(256);
        SW = new Switch(cfg, new MacTable(256, cfg.maxPorts(), 1));
        for (int p = 0; p < PORTS; p++) {
            PORT[p] = new MemoryPort("f" + p, 1, false, Integer.MAX_VALUE, 1522);
            SW.addPort(PORT[p], PortSettings.DEFAULT.withMacLimit(p == 3 ? 8 : 0).withIsolated(p >= 2));
        }
        PIPELINE = new Pipeline(SW, 0);
    }

    @FuzzTest(maxDuration = "60s")
    void decodersNeverThrow(byte[] frame) {
        EthernetFlyweight eth = new EthernetFlyweight();
        ByteBuffer b = ByteBuffer.wrap(frame);
        eth.wrap(b, 0, frame.length);
        eth.wrap(b, 0, frame.length, 0x88a8, 0x2005);
        DECODER.decode(b, 0, frame.length, 0, EthernetFlyweight.NO_TAG);
        DECODER.summary();
    }

    @FuzzTest(maxDuration = "60s")
    void everyFrameIsForwardedFloodedOrDroppedWithAReason(FuzzedDataProvider data) {
        int port = data.consumeInt(0, PORTS - 1);
        long[] before = rx(port);
        BATCH.clear();
        int frames = 0;
        while (data.remainingBytes() > 0 && !BATCH.full()) {
            byte[] f = data.consumeBytes(data.consumeInt(0, 200));
            int tci = data.consumeBoolean() ? data.consumeInt(0, 0xFFFF) : EthernetFlyweight.NO_TAG;
            BATCH.add(ByteBuffer.wrap(f), 0, f.length, 0, tci, FrameBatch.NO_VNET, 0, 0);
            frames++;
        }
        PIPELINE.process(port, BATCH);
        long[] after = rx(port);
        assertEquals(frames, after[0] - before[0], "received");
        assertEquals(after[0] - before[0], after[1] - before[1], "forwarded + flooded + dropped");
    }

    private static long[] rx(int port) {
        PortStats s = SW.stats(port);
        return new long[] {s.get(PortCounter.RX_FRAMES),
            s.get(PortCounter.UNICAST) + s.get(PortCounter.FLOODED) + s.get(PortCounter.RX_DROPS)};
    }

    @FuzzTest(maxDuration = "60s")
    void offloadNeverThrowsOnAnyFrameOrHeader(FuzzedDataProvider data) {
        int gsoType = data.pickValue(new int[] {VirtioNet.GSO_TCPV4, VirtioNet.GSO_TCPV6, VirtioNet.GSO_UDP_L4,
            VirtioNet.GSO_UDP, VirtioNet.GSO_TCPV4 | VirtioNet.GSO_ECN, data.consumeInt(0, 255)});
        int gsoSize = data.consumeInt(0, 9000);
        int csumStart = data.consumeInt(-1, 200);
        int csumOffset = data.consumeInt(0, 40);
        byte[] frame = data.consumeRemainingAsBytes();
        ByteBuffer b = ByteBuffer.wrap(frame);
        SINK.reset();
        SEGMENTER.segment(b, 0, frame.length, gsoType, gsoSize, csumStart, csumOffset, SINK);
        Checksums.completePartial(ByteBuffer.wrap(frame.clone()), 0, frame.length, Math.max(0, csumStart),
                csumOffset);
    }
}
