package dev.lanyard.dataplane.port.packet;

import dev.lanyard.dataplane.forward.DropReason;
import dev.lanyard.dataplane.linux.Errno;
import dev.lanyard.dataplane.linux.IfPacket;
import dev.lanyard.dataplane.linux.Socket;
import dev.lanyard.dataplane.linux.VirtioNet;
import dev.lanyard.dataplane.offload.OffloadError;
import dev.lanyard.dataplane.offload.SegmentSink;
import dev.lanyard.dataplane.port.FrameBatch;
import dev.lanyard.dataplane.port.FrameCopy;
import dev.lanyard.dataplane.port.SoftwareOffload;
import dev.lanyard.dataplane.port.TxQueue;
import dev.lanyard.dataplane.port.VnetHeaders;

import java.nio.ByteBuffer;

/**
 * One worker's transmit queue on a veth port: a TPACKET_V2 TX ring that {@link #offer} fills slot by slot and
 * {@link #flush} hands to the kernel with one {@code sendto(fd, NULL, 0, MSG_DONTWAIT)} per burst. A slot is free
 * when its status reads TP_STATUS_AVAILABLE; with PACKET_LOSS set the kernel frees bad frames instead of stopping
 * the ring. Frames too big for a slot are sent by {@link LargeFrameSender} after a kick, which keeps their order.
 */
final class TxRing implements TxQueue, SegmentSink {
    private final PacketSocket socket;
    private final RingMemory ring;
    private final ByteBuffer sinkView;
    private final int frames;
    private final int room;
    private final boolean vnet;
    private final int header;
    private final int maxFrame;
    private final LargeFrameSender large;
    private final SoftwareOffload software;
    private int head;
    private int pending;
    private int claimed = -1;
    private long kickFailures;

    TxRing(PacketSocket ringSocket, PacketSocket plainSocket, PacketPortConfig cfg, int maxFrame) {
        this.socket = ringSocket;
        this.ring = ringSocket.ring;
        this.sinkView = ring.data.duplicate();
        this.frames = ring.size / PacketPortConfig.TX_FRAME_SIZE;
        this.room = PacketPortConfig.TX_FRAME_SIZE - PacketPortConfig.TX_DATA_OFFSET;
        this.vnet = cfg.vnetHeader();
        this.header = vnet ? VirtioNet.HDR_LEN : 0;
        this.maxFrame = maxFrame;
        this.large = new LargeFrameSender(plainSocket, vnet);
        this.software = vnet ? null : new SoftwareOffload();
    }

    @Override
    public int offer(FrameBatch batch, int i) {
        if (!vnet && SoftwareOffload.needed(batch, i)) {
            int r = software.finish(batch, i, this);
            if (r > 0) {
                return QUEUED;
            }
            return r == OffloadError.SINK_FULL.code() ? DropReason.TX_FULL.ordinal()
                    : DropReason.OFFLOAD_ERROR.ordinal();
        }
        int wire = batch.wireLength(i);
        if (wire > maxFrame && VnetHeaders.gsoType(batch, i) == VirtioNet.GSO_NONE) {
            return DropReason.OVERSIZE.ordinal();
        }
        if (wire + header > room) {
            flush();
            return large.send(batch, i);
        }
        int slot = head * PacketPortConfig.TX_FRAME_SIZE;
        if (ring.statusAcquire(slot) != IfPacket.TP_STATUS_AVAILABLE) {
            return DropReason.TX_FULL.ordinal();
        }
        int data = slot + PacketPortConfig.TX_DATA_OFFSET;
        if (vnet) {
            VnetHeaders.write(batch, i, ring.headers, data);
            if (ring.headers.get(data + VirtioNet.GSO_TYPE_OFFSET) == VirtioNet.GSO_NONE) {
                // hdr_len is how much of the frame the kernel copies into the skb's linear part; the rest it maps
                // from the ring as zero-copy fragments, which a veth then copies again into freshly allocated pages
                // (skb_copy_ubufs) for every frame. A whole frame in the linear part is one small copy instead.
                ring.headers.putShort(data + VirtioNet.HDR_LEN_OFFSET, (short) wire);
            }
        }
        FrameCopy.copy(batch, i, ring.data, data + header, room - header);
        publish(slot, wire + header);
        return QUEUED;
    }

    private void publish(int slot, int length) {
        ring.headers.putInt(slot + 4, length);
        ring.statusRelease(slot, IfPacket.TP_STATUS_SEND_REQUEST);
        head = head + 1 == frames ? 0 : head + 1;
        pending++;
    }

    @Override
    public ByteBuffer claim(int maxLength) {
        int slot = head * PacketPortConfig.TX_FRAME_SIZE;
        if (maxLength + header > room || ring.statusAcquire(slot) != IfPacket.TP_STATUS_AVAILABLE) {
            return null;
        }
        claimed = slot;
        int data = slot + PacketPortConfig.TX_DATA_OFFSET;
        if (vnet) {
            ring.headers.putLong(data, 0L);
            ring.headers.putShort(data + 8, (short) 0);
        }
        sinkView.limit(data + room).position(data + header);
        return sinkView;
    }

    @Override
    public void commit(int length) {
        publish(claimed, length + header);
        claimed = -1;
    }

    @Override
    public void flush() {
        if (pending == 0) {
            return;
        }
        pending = 0;
        if (Socket.sendto(socket.fd, 0L, 0L, Socket.MSG_DONTWAIT, 0L, 0) < 0) {
            int errno = Errno.last();
            // Frames left in SEND_REQUEST go with the next kick; a full socket buffer is the usual reason.
            if (errno == Errno.EAGAIN || errno == Errno.ENOBUFS) {
                pending = 1;
            }
            kickFailures++;
        }
    }

    /** Kicks that the kernel refused, for diagnostics. */
    long kickFailures() {
        return kickFailures;
    }
}
