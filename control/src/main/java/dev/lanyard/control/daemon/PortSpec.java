package dev.lanyard.control.daemon;

import dev.lanyard.dataplane.forward.PortSettings;
import dev.lanyard.dataplane.port.PortKind;

/**
 * How a switch opens one of its ports, kept so that it can open it again (after the link comes back).
 *
 * @param name      the interface name
 * @param kind      veth (any Ethernet interface, over AF_PACKET), tap (a host's NIC) or internal (the gateway)
 * @param netns     the namespace the interface is in; "" for the root namespace
 * @param settings  learning, flooding, isolation, MAC limit
 */
public record PortSpec(String name, PortKind kind, String netns, PortSettings settings) {
    /** Checks the values. */
    public PortSpec {
        if (name == null || name.isEmpty() || name.length() > 15) {
            throw new IllegalArgumentException("an interface name has 1 to 15 bytes, not \"" + name + "\"");
        }
        netns = netns == null ? "" : netns;
    }

    /** The same port with other settings. */
    public PortSpec withSettings(PortSettings s) {
        return new PortSpec(name, kind, netns, s);
    }
}
