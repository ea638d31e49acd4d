package dev.lanyard.dataplane.port.packet;

/**
 * How a veth port's AF_PACKET sockets and rings are set up.
 *
 * @param vnetHeader   carry checksum and segmentation offload through with PACKET_VNET_HDR (default on)
 * @param rxBlocks     RX ring blocks of 1 MiB; with the vnet header each holds 15 slots of 68 KiB, so that a GSO
 *                     super-frame arrives whole
 * @param txFrames     TX ring slots of 2 KiB per worker; larger frames are sent with sendmsg after a kick
 * @param qdiscBypass  PACKET_QDISC_BYPASS on TX: faster, but hides our transmissions from tcpdump on the port
 *                     and drops more under load, so off by default (an opt-in for benchmarks)
 * @param sndBufBytes  SO_SNDBUFFORCE of the TX sockets: room for skbs in flight
 */
public record PacketPortConfig(boolean vnetHeader, int rxBlocks, int txFrames, boolean qdiscBypass, int sndBufBytes) {
    /** RX block size: 1 MiB, an order-8 allocation with no waste. */
    public static final int RX_BLOCK_SIZE = 1 << 20;
    /** RX slot size with the vnet header: room for a 64 KiB GSO frame and its headers. */
    public static final int RX_FRAME_SIZE_GSO = 69_632;
    /** RX slot size without the vnet header (no GSO frames arrive): a 9000-byte jumbo frame fits. */
    public static final int RX_FRAME_SIZE_PLAIN = 9_216;
    /** TX slot size. */
    public static final int TX_FRAME_SIZE = 2048;
    /** Where frame data starts in a TX slot: tp_hdrlen - sizeof(struct sockaddr_ll) = 52 - 20. */
    public static final int TX_DATA_OFFSET = 32;

    /** Offloads carried through, 8 MiB of RX ring, 256 TX slots, qdisc kept, 4 MiB send buffer. */
    public static final PacketPortConfig DEFAULT = new PacketPortConfig(true, 8, 256, false, 4 << 20);

    /** Checks the values. */
    public PacketPortConfig {
        if (rxBlocks < 1 || rxBlocks > 1024) {
            throw new IllegalArgumentException("rxBlocks must be between 1 and 1024, not " + rxBlocks);
        }
        if (txFrames < 8 || txFrames > 65_536) {
            throw new IllegalArgumentException("txFrames must be between 8 and 65536, not " + txFrames);
        }
    }

    /** Bytes per RX slot. */
    public int rxFrameSize() {
        return vnetHeader ? RX_FRAME_SIZE_GSO : RX_FRAME_SIZE_PLAIN;
    }

    /** RX slots in all. */
    public int rxFrames() {
        return rxBlocks * (RX_BLOCK_SIZE / rxFrameSize());
    }

    /** A copy with another qdisc-bypass setting. */
    public PacketPortConfig withQdiscBypass(boolean on) {
        return new PacketPortConfig(vnetHeader, rxBlocks, txFrames, on, sndBufBytes);
    }

    /** A copy with the vnet header on or off. */
    public PacketPortConfig withVnetHeader(boolean on) {
        return new PacketPortConfig(on, rxBlocks, txFrames, qdiscBypass, sndBufBytes);
    }

    /** A copy with another RX ring size. */
    public PacketPortConfig withRxBlocks(int blocks) {
        return new PacketPortConfig(vnetHeader, blocks, txFrames, qdiscBypass, sndBufBytes);
    }
}
