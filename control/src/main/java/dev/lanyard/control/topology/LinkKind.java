package dev.lanyard.control.topology;

/** The kinds of link a lab creates. */
public enum LinkKind {
    /** A veth pair, two ends that may live in different namespaces. */
    VETH("veth"),
    /** A persistent TAP device. */
    TAP("tun");

    private final String kernelKind;

    LinkKind(String kernelKind) {
        this.kernelKind = kernelKind;
    }

    /** The link kind as rtnetlink reports it in IFLA_INFO_KIND ("veth", "tun"). */
    public String kernelKind() {
        return kernelKind;
    }
}
