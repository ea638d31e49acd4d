package dev.lanyard.control.topology;

/** What the far side of a host's interface is: a switch port or another host's interface. */
public sealed interface Attachment permits Attachment.SwitchPort, Attachment.Peer {

    /**
     * The interface is a port of a switch.
     *
     * @param switchName the switch
     * @param port       the name of the switch-side veth end; null for a TAP, which has no switch-side end
     * @param type       veth or TAP
     * @param settings   the switch's per-port settings
     * @param portMac    the MAC of the switch-side veth end; null for a TAP
     */
    record SwitchPort(String switchName, String port, PortType type, PortSettings settings, MacAddress portMac)
            implements Attachment {
    }

    /**
     * The interface is one end of a veth pair whose other end is another host's interface.
     *
     * @param host      the other host
     * @param iface     the other host's interface
     */
    record Peer(String host, String iface) implements Attachment {
        @Override
        public String toString() {
            return host + "/" + iface;
        }
    }
}
