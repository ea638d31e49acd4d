package dev.lanyard.dataplane.linux;

/** linux/if_packet.h and linux/if_ether.h: AF_PACKET options, ring headers and address layout. */
public final class IfPacket {
    /** Every protocol: ETH_P_ALL, passed in network order to socket() and bind(). */
    public static final int ETH_P_ALL = 0x0003;

    /** struct sockaddr_ll is 20 bytes. */
    public static final int SOCKADDR_LL_SIZE = 20;

    /** Add a multicast/promiscuous membership (struct packet_mreq). */
    public static final int PACKET_ADD_MEMBERSHIP = 1;
    /** Drop a membership. */
    public static final int PACKET_DROP_MEMBERSHIP = 2;
    /** Receive ring (struct tpacket_req). */
    public static final int PACKET_RX_RING = 5;
    /** Kernel drop and packet counters (struct tpacket_stats), reset on read. */
    public static final int PACKET_STATISTICS = 6;
    /** Ring header version (TPACKET_V1, V2, V3). */
    public static final int PACKET_VERSION = 10;
    /** Bytes the kernel reserves before each frame in the ring. */
    public static final int PACKET_RESERVE = 12;
    /** Transmit ring (struct tpacket_req). */
    public static final int PACKET_TX_RING = 13;
    /** Drop TX frames that are malformed instead of failing the send. */
    public static final int PACKET_LOSS = 14;
    /** Prefix each frame with a struct virtio_net_hdr. */
    public static final int PACKET_VNET_HDR = 15;
    /** Size of the ring header for a version. */
    public static final int PACKET_HDRLEN = 11;
    /** Fan out across sockets. */
    public static final int PACKET_FANOUT = 18;
    /** Send straight to the driver, bypassing the qdisc layer. */
    public static final int PACKET_QDISC_BYPASS = 20;
    /** Do not receive frames this host transmits on the interface (Linux 4.20). */
    public static final int PACKET_IGNORE_OUTGOING = 23;

    /** packet_mreq.mr_type: promiscuous mode. */
    public static final int PACKET_MR_PROMISC = 1;
    /** packet_mreq is {int mr_ifindex; unsigned short mr_type, mr_alen; unsigned char mr_address[8];}. */
    public static final int PACKET_MREQ_SIZE = 16;

    /** Ring header version 2. */
    public static final int TPACKET_V2 = 1;
    /** Ring header version 3. */
    public static final int TPACKET_V3 = 2;

    /** sll_pkttype: addressed to us. */
    public static final int PACKET_HOST = 0;
    /** sll_pkttype: broadcast. */
    public static final int PACKET_BROADCAST = 1;
    /** sll_pkttype: multicast. */
    public static final int PACKET_MULTICAST = 2;
    /** sll_pkttype: to somebody else (promiscuous). */
    public static final int PACKET_OTHERHOST = 3;
    /** sll_pkttype: sent by this host. */
    public static final int PACKET_OUTGOING = 4;

    /** RX status: the slot belongs to the kernel. */
    public static final int TP_STATUS_KERNEL = 0;
    /** RX status: the slot holds a frame for user space. */
    public static final int TP_STATUS_USER = 1;
    /** RX status: the socket buffer overflowed before this frame. */
    public static final int TP_STATUS_LOSING = 1 << 2;
    /** RX status: the transport checksum is unfinished (offloaded). */
    public static final int TP_STATUS_CSUMNOTREADY = 1 << 3;
    /** RX status: tp_vlan_tci holds a tag the kernel stripped. */
    public static final int TP_STATUS_VLAN_VALID = 1 << 4;
    /** RX status: tp_vlan_tpid is valid. */
    public static final int TP_STATUS_VLAN_TPID_VALID = 1 << 6;
    /** RX status: the checksum was verified (CHECKSUM_UNNECESSARY). */
    public static final int TP_STATUS_CSUM_VALID = 1 << 7;

    /** TX status: the slot is free. */
    public static final int TP_STATUS_AVAILABLE = 0;
    /** TX status: user space asks the kernel to send this slot. */
    public static final int TP_STATUS_SEND_REQUEST = 1;
    /** TX status: the kernel is sending this slot. */
    public static final int TP_STATUS_SENDING = 2;
    /** TX status: the frame was malformed (with PACKET_LOSS off). */
    public static final int TP_STATUS_WRONG_FORMAT = 4;

    /** struct tpacket2_hdr is 32 bytes: status@0 len@4 snaplen@8 mac@12 net@14 sec@16 nsec@20 tci@24 tpid@26. */
    public static final int TPACKET2_HDRLEN = 32;
    /** Frames in the ring are aligned to this. */
    public static final int TPACKET_ALIGNMENT = 16;

    private IfPacket() {
    }

    /** Rounds up to TPACKET_ALIGNMENT. */
    public static int align(int x) {
        return (x + TPACKET_ALIGNMENT - 1) & ~(TPACKET_ALIGNMENT - 1);
    }

    /** struct sockaddr_ll for bind(): family, protocol (network order), ifindex. */
    public static byte[] sockaddrLl(int protocol, int ifindex) {
        byte[] sll = new byte[SOCKADDR_LL_SIZE];
        Structs.writeShort(sll, 0, Socket.AF_PACKET);
        Structs.writeShortBe(sll, 2, protocol);
        Structs.writeInt(sll, 4, ifindex);
        return sll;
    }

    /** struct packet_mreq asking for promiscuous mode on an interface. */
    public static byte[] promiscRequest(int ifindex) {
        byte[] mreq = new byte[PACKET_MREQ_SIZE];
        Structs.writeInt(mreq, 0, ifindex);
        Structs.writeShort(mreq, 4, PACKET_MR_PROMISC);
        return mreq;
    }

    /** struct tpacket_req {block_size, block_nr, frame_size, frame_nr}, all unsigned ints. */
    public static byte[] tpacketReq(int blockSize, int blockNr, int frameSize, int frameNr) {
        byte[] req = new byte[16];
        Structs.writeInt(req, 0, blockSize);
        Structs.writeInt(req, 4, blockNr);
        Structs.writeInt(req, 8, frameSize);
        Structs.writeInt(req, 12, frameNr);
        return req;
    }
}
