package dev.lanyard.dataplane.frame;

/** EtherType values the switch looks at. */
public final class EtherType {
    /** IPv4. */
    public static final int IPV4 = 0x0800;
    /** ARP. */
    public static final int ARP = 0x0806;
    /** IEEE 802.1Q customer VLAN tag. */
    public static final int VLAN = 0x8100;
    /** IPv6. */
    public static final int IPV6 = 0x86DD;
    /** IEEE 802.1ad service VLAN tag (QinQ outer tag). */
    public static final int QINQ = 0x88A8;
    /** The pre-standard QinQ tag some equipment still sends. */
    public static final int QINQ_LEGACY = 0x9100;
    /** Values up to this are IEEE 802.3 length fields, not EtherTypes. */
    public static final int MAX_8023_LENGTH = 1500;
    /** The smallest EtherType. Values between 1501 and this are neither a length nor a type. */
    public static final int MIN_ETHERTYPE = 0x0600;

    private EtherType() {
    }

    /** True for the tag protocol identifiers of 802.1Q and 802.1ad. */
    public static boolean isVlanTag(int type) {
        return type == VLAN || type == QINQ || type == QINQ_LEGACY;
    }
}
