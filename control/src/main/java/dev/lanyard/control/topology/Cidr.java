package dev.lanyard.control.topology;

/**
 * An address with a prefix length, as {@code ip addr} takes it: {@code 172.17.0.101/16} is the interface address
 * 172.17.0.101 on the network 172.17.0.0/16, so host bits are allowed.
 *
 * @param address the address, host bits included
 * @param prefix  the prefix length, 0 to 32 for IPv4 and 0 to 128 for IPv6
 */
public record Cidr(IpAddress address, int prefix) {
    /** Checks the prefix length against the address family. */
    public Cidr {
        if (prefix < 0 || prefix > address.bits()) {
            throw new IllegalArgumentException("prefix length " + prefix + " is outside 0.." + address.bits());
        }
    }

    /**
     * Parses {@code ADDRESS/PREFIX}.
     *
     * @throws IllegalArgumentException with a message saying what is wrong with the text
     */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("it needs a prefix length, as in " + example(text));
        }
        IpAddress address = IpAddress.parse(text.substring(0, slash));
        String prefixText = text.substring(slash + 1);
        if (prefixText.isEmpty() || prefixText.length() > 3
                || !prefixText.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("\"" + prefixText + "\" is not a prefix length");
        }
        int prefix = Integer.parseInt(prefixText);
        if (prefix > address.bits()) {
            throw new IllegalArgumentException("prefix length " + prefix + " is above " + address.bits());
        }
        return new Cidr(address, prefix);
    }

    /** The default route destination: 0.0.0.0/0 for IPv4, ::/0 for IPv6. */
    public static Cidr defaultRoute(boolean ipv4) {
        return new Cidr(IpAddress.of(new byte[ipv4 ? 4 : 16]), 0);
    }

    /** The address with all host bits cleared, as a route destination must be written. */
    public Cidr network() {
        return new Cidr(address.masked(prefix), prefix);
    }

    /** Whether some bit after the prefix is set, which the kernel refuses in a route destination. */
    public boolean hasHostBits() {
        return !address.equals(address.masked(prefix));
    }

    /** Whether this is 0.0.0.0/0 or ::/0. */
    public boolean isDefault() {
        return prefix == 0;
    }

    /** Whether {@code other} is of the same family and lies in this network. */
    public boolean contains(IpAddress other) {
        if (other.isIpv4() != address.isIpv4()) {
            return false;
        }
        for (int i = 0; i < prefix; i++) {
            if (other.bit(i) != address.bit(i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return address + "/" + prefix;
    }

    private static String example(String text) {
        return text.indexOf(':') >= 0 ? text + "/64" : text + "/24";
    }
}
