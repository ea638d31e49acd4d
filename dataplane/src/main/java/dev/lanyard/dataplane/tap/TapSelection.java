package dev.lanyard.dataplane.tap;

import java.util.Arrays;

/**
 * The ports and directions a tap looks at: every port (including ports added later) or a set of port indexes, and
 * receive, transmit or both. Immutable.
 */
public final class TapSelection {
    /** Every port, both directions. */
    public static final TapSelection ALL = new TapSelection(null, true, true);

    private final boolean[] ports;
    private final boolean rx;
    private final boolean tx;

    private TapSelection(boolean[] ports, boolean rx, boolean tx) {
        if (!rx && !tx) {
            throw new IllegalArgumentException("a tap must look at receive, transmit or both");
        }
        this.ports = ports;
        this.rx = rx;
        this.tx = tx;
    }

    /** These port indexes, both directions; no index means every port. */
    public static TapSelection ports(int... indexes) {
        if (indexes.length == 0) {
            return ALL;
        }
        int max = Arrays.stream(indexes).max().getAsInt();
        boolean[] set = new boolean[max + 1];
        for (int p : indexes) {
            if (p < 0) {
                throw new IllegalArgumentException("port index " + p + " is negative");
            }
            set[p] = true;
        }
        return new TapSelection(set, true, true);
    }

    /** The same ports in the given directions. */
    public TapSelection directions(boolean receive, boolean transmit) {
        return new TapSelection(ports, receive, transmit);
    }

    /** True when every port is selected. */
    public boolean allPorts() {
        return ports == null;
    }

    /** True when received frames are selected. */
    public boolean rx() {
        return rx;
    }

    /** True when sent frames are selected. */
    public boolean tx() {
        return tx;
    }

    /** True when the tap looks at frames crossing {@code port} this way. */
    public boolean wants(int port, TapDirection direction) {
        return (direction == TapDirection.RX ? rx : tx) && wantsPort(port);
    }

    /** True when the port is selected, whatever the direction. */
    public boolean wantsPort(int port) {
        return ports == null || port < ports.length && ports[port];
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (ports == null) {
            sb.append("all ports");
        } else {
            sb.append("ports");
            for (int p = 0; p < ports.length; p++) {
                if (ports[p]) {
                    sb.append(' ').append(p);
                }
            }
        }
        return sb.append(rx && tx ? ", rx and tx" : rx ? ", rx" : ", tx").toString();
    }
}
