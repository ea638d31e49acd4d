package dev.lanyard.control.topology;

/** How a host's interface reaches its switch. */
public enum PortType {
    /** A veth pair: the host keeps one end, the switch opens an AF_PACKET socket on the other. */
    VETH,
    /** A TAP device in the host's namespace; the switch reads and writes its file descriptor. */
    TAP
}
