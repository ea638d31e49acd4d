package dev.lanyard.dataplane.port;

import dev.lanyard.dataplane.frame.EtherType;
import dev.lanyard.dataplane.frame.EthernetFlyweight;

import java.nio.ByteBuffer;

/**
 * Copies a received frame to where it will be sent from, putting back the VLAN tag the kernel stripped into the
 * ring header: destination and source, then TPID and TCI (priority bits kept), then the rest.
 */
public final class FrameCopy {
    private static final int ADDRESSES = 12;

    private FrameCopy() {
    }

    /**
     * Copies frame {@code i} to {@code dst} at {@code dstIndex}; returns the bytes written, or -1 when they would
     * not fit in {@code room}.
     */
    public static int copy(FrameBatch batch, int i, ByteBuffer dst, int dstIndex, int room) {
        ByteBuffer src = batch.buffer(i);
        int offset = batch.offset(i);
        int length = batch.length(i);
        int tci = batch.tci(i);
        if (tci == EthernetFlyweight.NO_TAG || length < ADDRESSES) {
            if (length > room) {
                return -1;
            }
            dst.put(dstIndex, src, offset, length);
            return length;
        }
        int total = length + EthernetFlyweight.TAG_LENGTH;
        if (total > room) {
            return -1;
        }
        int tpid = batch.tpid(i) == 0 ? EtherType.VLAN : batch.tpid(i);
        dst.put(dstIndex, src, offset, ADDRESSES);
        dst.putShort(dstIndex + ADDRESSES, (short) tpid);
        dst.putShort(dstIndex + ADDRESSES + 2, (short) tci);
        dst.put(dstIndex + ADDRESSES + EthernetFlyweight.TAG_LENGTH, src, offset + ADDRESSES, length - ADDRESSES);
        return total;
    }

    /** The frame as a new array, tag put back: for tests and captures off the hot path. */
    public static byte[] toArray(FrameBatch batch, int i) {
        byte[] out = new byte[batch.wireLength(i)];
        copy(batch, i, ByteBuffer.wrap(out), 0, out.length);
        return out;
    }
}
