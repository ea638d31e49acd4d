package dev.lanyard.control.topology;

/**
 * A userspace switch of the lab. Its ports come from the host interfaces that name it.
 *
 * @param name             the switch name
 * @param gateway          the address of its internal port (as docker0 carries 172.17.0.1/16), or null for none
 * @param gatewayInterface the name of the internal port's TAP; the switch name unless overridden; null without gateway
 * @param gatewayMac       the MAC of the internal port; null without gateway
 * @param netns            the namespace of the switch-side veth ends and the internal port; "" for the root namespace
 * @param agingSeconds     how long a learnt MAC stays without traffic; 0 for forever
 * @param workers          worker threads forwarding frames
 * @param macTableSize     how many MACs the table holds
 */
public record Switch(String name, Cidr gateway, String gatewayInterface, MacAddress gatewayMac, String netns,
                     int agingSeconds, int workers, int macTableSize) {
    /** The kernel bridge's default aging time, in seconds. */
    public static final int DEFAULT_AGING_SECONDS = 300;
    /** One worker thread unless asked for more. */
    public static final int DEFAULT_WORKERS = 1;
    /** The default MAC table capacity. */
    public static final int DEFAULT_MAC_TABLE_SIZE = 65536;
}
