package dev.lanyard.tools.filter;

/**
 * What a BPF program sees besides the frame: the packet metadata that Linux ancillary loads
 * ({@code SKF_AD_OFF + SKF_AD_*}) read, and the scratch memory M[0..15]. One per thread: the interpreter writes the
 * scratch memory while it runs. The caller sets the metadata before each run when it has any; the defaults describe
 * a packet for this host on an Ethernet interface with no stripped VLAN tag (the switch puts VLAN tags back into
 * the frame data, so {@link #vlanTagPresent} is normally false).
 */
public final class BpfContext {
    /** PACKET_HOST: addressed to this host. */
    public static final int PACKET_HOST = 0;
    /** PACKET_BROADCAST. */
    public static final int PACKET_BROADCAST = 1;
    /** PACKET_MULTICAST. */
    public static final int PACKET_MULTICAST = 2;
    /** PACKET_OTHERHOST: addressed to another host, seen in promiscuous mode. */
    public static final int PACKET_OTHERHOST = 3;
    /** PACKET_OUTGOING: sent by this host. */
    public static final int PACKET_OUTGOING = 4;
    /** ARPHRD_ETHER. */
    public static final int ARPHRD_ETHER = 1;

    final int[] memory = new int[Bpf.MEMWORDS];
    private int protocol;
    private int packetType = PACKET_HOST;
    private int ifIndex;
    private int hardwareType = ARPHRD_ETHER;
    private int vlanTag;
    private boolean vlanTagPresent;
    private int vlanTpid;

    /** SKF_AD_PROTOCOL: the ethertype in host order, as skb-&gt;protocol holds it. */
    public BpfContext protocol(int value) {
        protocol = value;
        return this;
    }

    /** SKF_AD_PKTTYPE: one of the PACKET_ constants. */
    public BpfContext packetType(int value) {
        packetType = value;
        return this;
    }

    /** SKF_AD_IFINDEX. */
    public BpfContext ifIndex(int value) {
        ifIndex = value;
        return this;
    }

    /** SKF_AD_HATYPE: an ARPHRD_ value. */
    public BpfContext hardwareType(int value) {
        hardwareType = value;
        return this;
    }

    /** SKF_AD_VLAN_TAG, SKF_AD_VLAN_TPID and SKF_AD_VLAN_TAG_PRESENT: a tag taken out of the frame, or none. */
    public BpfContext vlan(boolean present, int tci, int tpid) {
        vlanTagPresent = present;
        vlanTag = present ? tci : 0;
        vlanTpid = present ? tpid : 0;
        return this;
    }

    /** The SKF_AD_PROTOCOL value. */
    public int protocol() {
        return protocol;
    }

    /** The SKF_AD_PKTTYPE value. */
    public int packetType() {
        return packetType;
    }

    /** The SKF_AD_IFINDEX value. */
    public int ifIndex() {
        return ifIndex;
    }

    /** The SKF_AD_HATYPE value. */
    public int hardwareType() {
        return hardwareType;
    }

    /** The SKF_AD_VLAN_TAG value. */
    public int vlanTag() {
        return vlanTag;
    }

    /** The SKF_AD_VLAN_TAG_PRESENT value, as a boolean. */
    public boolean vlanTagPresent() {
        return vlanTagPresent;
    }

    /** The SKF_AD_VLAN_TPID value. */
    public int vlanTpid() {
        return vlanTpid;
    }
}
