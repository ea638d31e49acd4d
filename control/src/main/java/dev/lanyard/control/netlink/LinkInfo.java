package dev.lanyard.control.netlink;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.OptionalInt;

/**
 * One network interface as the kernel reports it.
 *
 * @param index       the interface index
 * @param name        the interface name
 * @param kind        IFLA_INFO_KIND: "veth", "tun", "bridge", ..., or empty for devices without one (lo, eth0)
 * @param mac         the hardware address (6 bytes for Ethernet), empty when the device has none
 * @param mtu         the MTU
 * @param adminUp     IFF_UP: set up by an administrator
 * @param operUp      IFF_RUNNING: operationally up (for a veth, both ends up; for a TAP, a reader attached)
 * @param master      the index of the master device (a bridge), 0 when none
 * @param link        IFLA_LINK: for a veth the peer's index, in the namespace {@code linkNetnsId} names if present;
 *                    0 when none
 * @param linkNetnsId IFLA_LINK_NETNSID: the id, as this namespace knows it, of the namespace the link lives in
 */
public record LinkInfo(int index, String name, String kind, byte[] mac, int mtu, boolean adminUp, boolean operUp,
                       int master, int link, OptionalInt linkNetnsId) {

    /** Copies the MAC so the record stays a value. */
    public LinkInfo {
        mac = mac == null ? new byte[0] : mac.clone();
    }

    /** A copy of the hardware address. */
    @Override
    public byte[] mac() {
        return mac.clone();
    }

    /** The hardware address as "aa:bb:cc:dd:ee:ff". */
    public String macString() {
        return formatMac(mac);
    }

    /** Formats a hardware address as lowercase hex pairs joined by colons. */
    public static String formatMac(byte[] mac) {
        return HexFormat.ofDelimiter(":").formatHex(mac);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinkInfo other && index == other.index && name.equals(other.name)
                && kind.equals(other.kind) && Arrays.equals(mac, other.mac) && mtu == other.mtu
                && adminUp == other.adminUp && operUp == other.operUp && master == other.master
                && link == other.link && linkNetnsId.equals(other.linkNetnsId);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * index + name.hashCode()) + Arrays.hashCode(mac);
    }

    @Override
    public String toString() {
        return index + ": " + name + (kind.isEmpty() ? "" : " (" + kind + ")") + " mac " + macString() + " mtu " + mtu
                + (adminUp ? " UP" : " DOWN") + (operUp ? " RUNNING" : "")
                + (master != 0 ? " master " + master : "") + (link != 0 ? " link " + link : "")
                + (linkNetnsId.isPresent() ? " link-netnsid " + linkNetnsId.getAsInt() : "");
    }
}
