package dev.lanyard.control.netlink;

import java.util.Arrays;

/**
 * A veth pair to create in one request: two ends, each with a name, optionally a named network namespace to be
 * born in and a MAC, and an MTU for both.
 *
 * @param end  the first end
 * @param peer the other end
 * @param mtu  the MTU of both ends, 0 for the kernel's default
 */
public record VethSpec(End end, End peer, int mtu) {

    /** Checks the spec. */
    public VethSpec {
        if (end == null || peer == null) {
            throw new IllegalArgumentException("a veth pair needs two ends");
        }
        if (end.name().equals(peer.name()) && sameNamespace(end.netns(), peer.netns())) {
            throw new IllegalArgumentException("both ends of veth " + end.name() + " have the same name"
                    + " in the same namespace");
        }
        if (mtu < 0) {
            throw new IllegalArgumentException("veth " + end.name() + "/" + peer.name() + ": negative MTU " + mtu);
        }
    }

    /** A pair of two ends in the namespace of the socket that creates them, with the default MTU. */
    public static VethSpec of(String name, String peerName) {
        return new VethSpec(End.of(name), End.of(peerName), 0);
    }

    /** A pair of the given ends, with the default MTU. */
    public static VethSpec of(End end, End peer) {
        return new VethSpec(end, peer, 0);
    }

    /** This pair with another MTU. */
    public VethSpec withMtu(int newMtu) {
        return new VethSpec(end, peer, newMtu);
    }

    /** "veth h1-eth0/sw-h1", for error texts. */
    public String describe() {
        return "veth " + end.name() + "/" + peer.name();
    }

    private static boolean sameNamespace(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    /**
     * One end of a veth pair.
     *
     * @param name  the interface name, at most 15 bytes
     * @param netns the named namespace (/run/netns/NAME) to create it in, or null for the creating socket's own
     * @param mac   the MAC (6 bytes), or null for a random one
     */
    public record End(String name, String netns, byte[] mac) {

        /** Checks the end and copies the MAC. */
        public End {
            InterfaceNames.check(name);
            if (mac != null) {
                if (mac.length != 6) {
                    throw new IllegalArgumentException("veth end " + name + ": MAC must be 6 bytes, got "
                            + mac.length);
                }
                if ((mac[0] & 1) != 0) {
                    throw new IllegalArgumentException("veth end " + name + ": MAC "
                            + LinkInfo.formatMac(mac) + " is a group address");
                }
                mac = mac.clone();
            }
        }

        /** An end in the creating socket's namespace with a random MAC. */
        public static End of(String name) {
            return new End(name, null, null);
        }

        /** This end, created directly in the named namespace. */
        public End in(String namespace) {
            return new End(name, namespace, mac);
        }

        /** This end with a fixed MAC. */
        public End withMac(byte[] address) {
            return new End(name, netns, address);
        }

        /** A copy of the MAC, or null for a random one. */
        @Override
        public byte[] mac() {
            return mac == null ? null : mac.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof End other && name.equals(other.name) && sameNamespace(netns, other.netns)
                    && Arrays.equals(mac, other.mac);
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }

        @Override
        public String toString() {
            return name + (netns == null ? "" : " in " + netns) + (mac == null ? "" : " " + LinkInfo.formatMac(mac));
        }
    }
}
