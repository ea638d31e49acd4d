package dev.lanyard.dataplane.linux;

/**
 * linux/virtio_net.h: struct virtio_net_hdr, the offload descriptor that PACKET_VNET_HDR and IFF_VNET_HDR put
 * before each frame. All fields are in host (little-endian) order.
 *
 * <pre>
 *   0      1          2           4           6             8              10
 *   +------+----------+-----------+-----------+-------------+--------------+
 *   |flags | gso_type |  hdr_len  | gso_size  | csum_start  | csum_offset  |
 *   +------+----------+-----------+-----------+-------------+--------------+
 * </pre>
 */
public final class VirtioNet {
    /** sizeof(struct virtio_net_hdr). */
    public static final int HDR_LEN = 10;

    /** Offset of flags (u8). */
    public static final int FLAGS_OFFSET = 0;
    /** Offset of gso_type (u8). */
    public static final int GSO_TYPE_OFFSET = 1;
    /** Offset of hdr_len (u16). */
    public static final int HDR_LEN_OFFSET = 2;
    /** Offset of gso_size (u16). */
    public static final int GSO_SIZE_OFFSET = 4;
    /** Offset of csum_start (u16). */
    public static final int CSUM_START_OFFSET = 6;
    /** Offset of csum_offset (u16). */
    public static final int CSUM_OFFSET_OFFSET = 8;

    /** flags: the checksum at csum_start + csum_offset must be completed over the data from csum_start. */
    public static final int F_NEEDS_CSUM = 1;
    /** flags: the checksum is already validated. */
    public static final int F_DATA_VALID = 2;

    /** gso_type: not a GSO frame. */
    public static final int GSO_NONE = 0;
    /** gso_type: TCP over IPv4. */
    public static final int GSO_TCPV4 = 1;
    /** gso_type: UDP fragmentation (UFO). */
    public static final int GSO_UDP = 3;
    /** gso_type: TCP over IPv6. */
    public static final int GSO_TCPV6 = 4;
    /** gso_type: UDP segmentation (USO), Linux 6.2. */
    public static final int GSO_UDP_L4 = 5;
    /** gso_type flag: TCP with ECN (CWR must be on the first segment only). */
    public static final int GSO_ECN = 0x80;

    private VirtioNet() {
    }
}
