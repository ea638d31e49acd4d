package dev.lanyard.tools.pcapng;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;

/** Helpers for tests that hold a pcapng stream in a byte array. */
final class PcapngBytes {
    private PcapngBytes() {
    }

    static PcapngReader reader(byte[] bytes) {
        return new PcapngReader(Channels.newChannel(new ByteArrayInputStream(bytes)));
    }

    /** Reads every packet; returns how many there were. */
    static int count(byte[] bytes) throws IOException {
        int n = 0;
        try (PcapngReader reader = reader(bytes)) {
            while (reader.read() != null) {
                n++;
            }
        }
        return n;
    }

    /** Offsets where blocks of a valid little-endian stream start, and its end. */
    static List<Integer> blockBoundaries(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<Integer> boundaries = new ArrayList<>();
        int at = 0;
        while (at < bytes.length) {
            boundaries.add(at);
            at += b.getInt(at + 4);
        }
        boundaries.add(at);
        return boundaries;
    }
}
