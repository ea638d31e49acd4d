package dev.lanyard.dataplane.port.packet;

import com.sun.jna.Native;
import dev.lanyard.dataplane.forward.DropReason;
import dev.lanyard.dataplane.frame.EthernetFlyweight;
import dev.lanyard.dataplane.linux.Errno;
import dev.lanyard.dataplane.linux.Socket;
import dev.lanyard.dataplane.linux.VirtioNet;
import dev.lanyard.dataplane.port.FrameBatch;
import dev.lanyard.dataplane.port.FrameCopy;
import dev.lanyard.dataplane.port.TxQueue;
import dev.lanyard.dataplane.port.VnetHeaders;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Sends a frame too big for a TX ring slot (a GSO super-frame, up to 64 KiB) with one sendmsg on a socket without
 * a ring. The iovec points straight into the RX ring the frame arrived in, so the kernel's copy is the only one;
 * a put-back VLAN tag and the vnet header come from a scratch area. A frame from a heap buffer is copied into the
 * scratch area first.
 * <pre>
 *   scratch: 0 msghdr (56) | 64 iovec[4] (64) | 128 vnet header (10) | 144 tag (4) | 256 copy area (70 KiB)
 * </pre>
 */
final class LargeFrameSender {
    private static final int MSGHDR = 0;
    private static final int IOV = 64;
    private static final int VNET = 128;
    private static final int TAG = 144;
    private static final int AREA = 256;
    private static final int AREA_SIZE = 70 * 1024;

    private final PacketSocket socket;
    private final boolean vnet;
    private final ByteBuffer scratch = ByteBuffer.allocateDirect(AREA + AREA_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    private final ByteBuffer scratchBe = scratch.duplicate().order(ByteOrder.BIG_ENDIAN);
    private final long base = com.sun.jna.Pointer.nativeValue(Native.getDirectBufferPointer(scratch));
    private int iovs;

    LargeFrameSender(PacketSocket socket, boolean vnet) {
        this.socket = socket;
        this.vnet = vnet;
    }

    /** Sends frame i now. Returns {@link TxQueue#QUEUED} or a drop reason's ordinal. */
    int send(FrameBatch batch, int i) {
        iovs = 0;
        if (vnet) {
            VnetHeaders.write(batch, i, scratch, VNET);
            iov(base + VNET, VirtioNet.HDR_LEN);
        }
        long addr = batch.baseAddress(i);
        int length = batch.length(i);
        if (addr == 0) {
            int n = FrameCopy.copy(batch, i, scratchBe, AREA, AREA_SIZE);
            if (n < 0) {
                return DropReason.OVERSIZE.ordinal();
            }
            iov(base + AREA, n);
        } else {
            long frame = addr + batch.offset(i);
            int tci = batch.tci(i);
            if (tci == EthernetFlyweight.NO_TAG) {
                iov(frame, length);
            } else {
                scratchBe.putShort(TAG, (short) (batch.tpid(i) == 0 ? 0x8100 : batch.tpid(i)));
                scratchBe.putShort(TAG + 2, (short) tci);
                iov(frame, 12);
                iov(base + TAG, 4);
                iov(frame + 12, length - 12);
            }
        }
        scratch.putLong(MSGHDR, 0L);
        scratch.putLong(MSGHDR + 8, 0L);
        scratch.putLong(MSGHDR + 16, base + IOV);
        scratch.putLong(MSGHDR + 24, iovs);
        scratch.putLong(MSGHDR + 32, 0L);
        scratch.putLong(MSGHDR + 40, 0L);
        scratch.putLong(MSGHDR + 48, 0L);
        long r = Socket.sendmsg(socket.fd, base + MSGHDR, Socket.MSG_DONTWAIT);
        if (r >= 0) {
            return TxQueue.QUEUED;
        }
        int errno = Errno.last();
        if (errno == Errno.EAGAIN || errno == Errno.ENOBUFS) {
            return DropReason.TX_FULL.ordinal();
        }
        if (errno == Errno.EMSGSIZE) {
            return DropReason.OVERSIZE.ordinal();
        }
        return DropReason.TX_ERROR.ordinal();
    }

    private void iov(long address, long length) {
        int at = IOV + 16 * iovs++;
        scratch.putLong(at, address);
        scratch.putLong(at + 8, length);
    }
}
