package dev.lanyard.control.netlink;

import java.net.InetAddress;

/**
 * One IPv4 or IPv6 address of an interface as the kernel reports it.
 *
 * @param index        the interface index
 * @param address      the local address
 * @param prefixLength the prefix length
 * @param scope        the scope (0 global, 253 link, 254 host)
 * @param flags        IFA_F_* flags (IFA_FLAGS when present, else ifa_flags)
 */
public record AddressInfo(int index, InetAddress address, int prefixLength, int scope, int flags) {

    /** The address in CIDR notation: 10.0.0.1/24, fe80::1/64. */
    public String cidr() {
        return address.getHostAddress() + "/" + prefixLength;
    }

    /** Whether IPv6 duplicate address detection still holds the address back. */
    public boolean tentative() {
        return (flags & IfAddr.IFA_F_TENTATIVE) != 0;
    }

    @Override
    public String toString() {
        return index + ": " + cidr();
    }
}
