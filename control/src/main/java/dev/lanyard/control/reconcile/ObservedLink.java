package dev.lanyard.control.reconcile;

import dev.lanyard.control.topology.Cidr;
import dev.lanyard.control.topology.MacAddress;
import java.util.List;

/**
 * A network device as the system shows it.
 *
 * @param name          the interface name
 * @param kind          rtnetlink's IFLA_INFO_KIND ("veth", "tun", "bridge", ...); null for devices without one
 *                      (loopback, physical NICs)
 * @param peerName      for a veth, the name of its peer, or null when not known
 * @param peerNamespace for a veth, the namespace of its peer ("" for the root namespace), or null when not known
 * @param mac           the MAC, or null when not known (the planner then leaves it alone)
 * @param mtu           the MTU
 * @param up            whether it is administratively up (IFF_UP)
 * @param addresses     its addresses with prefix lengths, IPv6 link-local ones included
 */
public record ObservedLink(String name, String kind, String peerName, String peerNamespace, MacAddress mac, int mtu,
                           boolean up, List<Cidr> addresses) {
    /** Copies the address list. */
    public ObservedLink {
        addresses = List.copyOf(addresses);
    }
}
