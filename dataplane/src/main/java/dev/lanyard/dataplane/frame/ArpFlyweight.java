package dev.lanyard.dataplane.frame;

import java.nio.ByteBuffer;

/**
 * An ARP packet for IPv4 over Ethernet, in place.
 *
 * <pre>
 *  0       2       4    5    6       8            14         18           24         28
 *  +-------+-------+----+----+-------+------------+----------+------------+----------+
 *  | htype | ptype |hlen|plen| oper  | sender MAC | sender IP| target MAC | target IP|
 *  +-------+-------+----+----+-------+------------+----------+------------+----------+
 * </pre>
 */
public final class ArpFlyweight {
    /** Length of an Ethernet/IPv4 ARP packet. */
    public static final int LENGTH = 28;
    /** ARP request. */
    public static final int REQUEST = 1;
    /** ARP reply. */
    public static final int REPLY = 2;

    private ByteBuffer buffer;
    private int offset;
    private boolean valid;

    /** Wraps the bytes at {@code offset}; valid only for Ethernet/IPv4 ARP. */
    public boolean wrap(ByteBuffer buffer, int offset, int available) {
        this.buffer = buffer;
        this.offset = offset;
        valid = available >= LENGTH && buffer.getShort(offset) == 1 && buffer.getShort(offset + 2) == 0x0800
                && buffer.get(offset + 4) == 6 && buffer.get(offset + 5) == 4;
        return valid;
    }

    /** True when the last wrap found Ethernet/IPv4 ARP. */
    public boolean valid() {
        return valid;
    }

    /** Operation: request or reply. */
    public int operation() {
        return buffer.getShort(offset + 6) & 0xFFFF;
    }

    /** Sender hardware address. */
    public long senderMac() {
        return MacAddress.read(buffer, offset + 8);
    }

    /** Sender protocol address. */
    public int senderIp() {
        return buffer.getInt(offset + 14);
    }

    /** Target hardware address. */
    public long targetMac() {
        return MacAddress.read(buffer, offset + 18);
    }

    /** Target protocol address. */
    public int targetIp() {
        return buffer.getInt(offset + 24);
    }
}
