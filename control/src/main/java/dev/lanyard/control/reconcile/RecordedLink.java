package dev.lanyard.control.reconcile;

import dev.lanyard.control.topology.Layout;
import dev.lanyard.control.topology.LinkKind;
import java.util.List;
import java.util.Objects;

/**
 * A link the lab created (or was about to create), as its record keeps it: kind and the place of each end. This is
 * also the identity by which the lab knows a device as its own: a device is the lab's only if its name, namespace,
 * kind and (for a veth, when known) peer all match a recorded link.
 *
 * @param kind          veth or TAP
 * @param namespace     the namespace of the first end; "" for the root namespace
 * @param name          the name of the first end
 * @param peerNamespace the namespace of the other end of a veth; null for a TAP
 * @param peerName      the name of the other end of a veth; null for a TAP
 */
public record RecordedLink(LinkKind kind, String namespace, String name, String peerNamespace, String peerName) {
    /** Checks that a veth has a peer and a TAP has none. */
    public RecordedLink {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        if ((kind == LinkKind.VETH) != (peerName != null && peerNamespace != null)) {
            throw new IllegalArgumentException("a veth has a peer and a TAP has none: " + kind + " " + name);
        }
    }

    /** The identity of a link the layout asks for. */
    public static RecordedLink of(Layout.Link link) {
        Layout.Device b = link.b();
        return new RecordedLink(link.kind(), link.a().namespace(), link.a().name(),
                b == null ? null : b.namespace(), b == null ? null : b.name());
    }

    /** The places of the ends: one for a TAP, two for a veth. */
    public List<Place> ends() {
        Place first = new Place(namespace, name);
        return kind == LinkKind.TAP ? List.of(first) : List.of(first, new Place(peerNamespace, peerName));
    }

    /**
     * Where a device is.
     *
     * @param namespace its namespace; "" for the root namespace
     * @param name      its interface name
     */
    public record Place(String namespace, String name) {
    }

    /** Whether one end of this link is {@code name} in {@code namespace}. */
    public boolean hasEnd(String namespace, String name) {
        return this.namespace.equals(namespace) && this.name.equals(name)
                || kind == LinkKind.VETH && peerNamespace.equals(namespace) && peerName.equals(name);
    }

    /** Whether an end of this link lives in {@code namespace}. */
    public boolean touches(String namespace) {
        return this.namespace.equals(namespace) || kind == LinkKind.VETH && peerNamespace.equals(namespace);
    }

    /** Whether both describe the same link, whichever end each names first. */
    public boolean sameAs(RecordedLink other) {
        if (kind != other.kind) {
            return false;
        }
        if (kind == LinkKind.TAP) {
            return namespace.equals(other.namespace) && name.equals(other.name);
        }
        return equals(other) || namespace.equals(other.peerNamespace) && name.equals(other.peerName)
                && peerNamespace.equals(other.namespace) && peerName.equals(other.name);
    }

    /**
     * Whether the device {@code device}, seen in {@code namespace}, is an end of this link: right place, right kind,
     * and for a veth the right peer as far as the system tells.
     */
    public boolean describes(String namespace, ObservedLink device) {
        if (!hasEnd(namespace, device.name()) || !kind.kernelKind().equals(device.kind())) {
            return false;
        }
        if (kind == LinkKind.TAP || device.peerName() == null) {
            return true;
        }
        boolean first = this.namespace.equals(namespace) && this.name.equals(device.name());
        String otherName = first ? peerName : name;
        String otherNamespace = first ? peerNamespace : this.namespace;
        return otherName.equals(device.peerName())
                && (device.peerNamespace() == null || otherNamespace.equals(device.peerNamespace()));
    }

    /** A readable form: {@code veth ns0/eth0 = root/veth1a2b3c4} or {@code tap ns0/tap0}. */
    public String describe() {
        String first = where(namespace) + "/" + name;
        return kind == LinkKind.TAP ? "tap " + first : "veth " + first + " = " + where(peerNamespace) + "/" + peerName;
    }

    private static String where(String namespace) {
        return namespace.isEmpty() ? "root" : namespace;
    }
}
