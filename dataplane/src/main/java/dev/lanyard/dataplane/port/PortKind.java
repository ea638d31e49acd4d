package dev.lanyard.dataplane.port;

/** The kinds of port the switch drives. */
public enum PortKind {
    /** The switch-side end of a veth pair, opened as an AF_PACKET socket with PACKET_MMAP rings. */
    VETH("veth"),
    /** A TAP device driven through its /dev/net/tun file descriptor, acting as a host's NIC. */
    TAP("tap"),
    /** A TAP device left in the host namespace with an address: the switch's own gateway interface. */
    INTERNAL("internal"),
    /** Frames in memory, for tests and benchmarks. */
    MEMORY("memory");

    private final String label;

    PortKind(String label) {
        this.label = label;
    }

    /** The name used in listings and the API. */
    public String label() {
        return label;
    }
}
