package dev.lanyard.dataplane.port.packet;

import dev.lanyard.dataplane.counter.PortCounter;
import dev.lanyard.dataplane.counter.WorkerCounters;
import dev.lanyard.dataplane.forward.DropReason;
import dev.lanyard.dataplane.frame.EthernetFlyweight;
import dev.lanyard.dataplane.linux.IfPacket;
import dev.lanyard.dataplane.linux.VirtioNet;
import dev.lanyard.dataplane.port.FrameBatch;
import dev.lanyard.dataplane.port.RxSource;

import java.nio.ByteBuffer;

/**
 * The receive side of a veth port: a TPACKET_V2 RX ring read in bursts. A slot belongs to us from the moment its
 * status has TP_STATUS_USER until {@link #release()} hands it back, so frames are decided and transmitted straight
 * from ring memory. Each slot starts with a tpacket2_hdr:
 * <pre>
 *  0        4        8         12     14     16      20      24       26       28       32
 *  | status | len    | snaplen | mac  | net  | sec   | nsec  | tci    | tpid   | pad    | sockaddr_ll (pkttype @ +10)
 * </pre>
 * and the frame at {@code mac}, preceded by a virtio_net_hdr when PACKET_VNET_HDR is on.
 */
final class RxRing implements RxSource {
    private static final int LEN = 4;
    private static final int SNAPLEN = 8;
    private static final int MAC = 12;
    private static final int SEC = 16;
    private static final int NSEC = 20;
    private static final int TCI = 24;
    private static final int TPID = 26;
    private static final int PKTTYPE = IfPacket.TPACKET2_HDRLEN + 10;

    private final PacketSocket socket;
    private final RingMemory ring;
    /** Where each slot starts: frames never straddle blocks, so a block may end in a gap. */
    private final int[] slots;
    private final int frames;
    private final boolean vnet;
    private final int[] held = new int[FrameBatch.MAX_BURST];
    private int heldCount;
    private int head;

    RxRing(PacketSocket socket, PacketPortConfig cfg) {
        this.socket = socket;
        this.ring = socket.ring;
        this.frames = cfg.rxFrames();
        this.slots = new int[frames];
        int perBlock = PacketPortConfig.RX_BLOCK_SIZE / cfg.rxFrameSize();
        for (int f = 0; f < frames; f++) {
            slots[f] = (f / perBlock) * PacketPortConfig.RX_BLOCK_SIZE + (f % perBlock) * cfg.rxFrameSize();
        }
        this.vnet = cfg.vnetHeader();
    }

    @Override
    public int fd() {
        return socket.fd;
    }

    @Override
    public int receive(FrameBatch batch, WorkerCounters counters, int port) {
        ByteBuffer h = ring.headers;
        int added = 0;
        // At most one lap per call: every slot taken in this call stays ours until release(), so a ring smaller
        // than a burst (a switch of many ports gets 15 slots) that is full would otherwise lead us round to slots
        // we already hold, take them a second time and leave us ahead of the kernel for good.
        for (int taken = 0; taken < frames && !batch.full(); taken++) {
            int slot = slots[head];
            int status = ring.statusAcquire(slot);
            if ((status & IfPacket.TP_STATUS_USER) == 0) {
                break;
            }
            head = head + 1 == frames ? 0 : head + 1;
            int len = h.getInt(slot + LEN);
            int snap = h.getInt(slot + SNAPLEN);
            if (socket.filterOutgoing && (h.get(slot + PKTTYPE) & 0xFF) == IfPacket.PACKET_OUTGOING) {
                ring.statusRelease(slot, IfPacket.TP_STATUS_KERNEL);
                continue;
            }
            if (len > snap) {
                counters.rx(port, len);
                counters.rxDrop(port, DropReason.RX_TRUNCATED.ordinal());
                ring.statusRelease(slot, IfPacket.TP_STATUS_KERNEL);
                continue;
            }
            int mac = h.getShort(slot + MAC) & 0xFFFF;
            int tci = EthernetFlyweight.NO_TAG;
            int tpid = 0;
            if ((status & IfPacket.TP_STATUS_VLAN_VALID) != 0) {
                tci = h.getShort(slot + TCI) & 0xFFFF;
                if ((status & IfPacket.TP_STATUS_VLAN_TPID_VALID) != 0) {
                    tpid = h.getShort(slot + TPID) & 0xFFFF;
                }
            }
            int flags = (status & IfPacket.TP_STATUS_CSUMNOTREADY) != 0 ? FrameBatch.FLAG_CSUM_NOT_READY : 0;
            long ts = (h.getInt(slot + SEC) & 0xFFFF_FFFFL) * 1_000_000_000L + (h.getInt(slot + NSEC) & 0xFFFF_FFFFL);
            batch.add(ring.data, slot + mac, snap, tpid, tci,
                    vnet ? slot + mac - VirtioNet.HDR_LEN : FrameBatch.NO_VNET, flags, ts);
            batch.setBaseAddress(ring.address);
            held[heldCount++] = slot;
            added++;
        }
        return added;
    }

    @Override
    public void release() {
        for (int k = 0; k < heldCount; k++) {
            ring.statusRelease(held[k], IfPacket.TP_STATUS_KERNEL);
        }
        heldCount = 0;
    }

    @Override
    public void collectStatistics(WorkerCounters counters, int port) {
        long drops = socket.takeDrops();
        if (drops > 0) {
            // Frames the kernel dropped were received all the same: count them in, and out under their reason.
            counters.add(port, PortCounter.RX_FRAMES, drops);
            counters.addDrops(port, DropReason.KERNEL_RX, drops, true);
        }
    }

    /** Reads and clears the socket error that EPOLLERR announced. */
    int takeError() {
        return socket.takeError();
    }
}
