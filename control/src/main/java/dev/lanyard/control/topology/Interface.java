package dev.lanyard.control.topology;

import java.util.List;

/**
 * A network interface of a host, as the topology file declares it.
 *
 * @param name       the interface name inside the host's namespace
 * @param attachment the far side as declared here; null when this interface only appears as another one's peer
 * @param addresses  IPv4 and IPv6 addresses with prefix lengths
 * @param mac        the MAC, given or derived from the lab, host and interface names
 * @param mtu        the MTU of this interface and, for a switch port, of the switch-side end
 */
public record Interface(String name, Attachment attachment, List<Cidr> addresses, MacAddress mac, int mtu) {
    /** The MTU Linux gives a new veth or TAP. */
    public static final int DEFAULT_MTU = 1500;

    /** Copies the address list. */
    public Interface {
        addresses = List.copyOf(addresses);
    }
}
