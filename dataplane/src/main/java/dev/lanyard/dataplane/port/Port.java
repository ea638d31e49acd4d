package dev.lanyard.dataplane.port;

import java.io.IOException;

/**
 * One port of a switch: its name, kind, transmit queues (one per worker) and link state. How frames arrive is up
 * to the kind: rings and file descriptors polled by an event loop, or memory handed in by a test.
 */
public abstract class Port implements AutoCloseable {
    private final String name;
    private final PortKind kind;

    protected Port(String name, PortKind kind) {
        this.name = name;
        this.kind = kind;
    }

    /** The interface name (or a test's label). */
    public final String name() {
        return name;
    }

    /** The kind of port. */
    public final PortKind kind() {
        return kind;
    }

    /** The receive side an event loop polls, or null for a port whose frames are handed in (memory ports). */
    public RxSource rx() {
        return null;
    }

    /** The transmit queue that worker {@code worker} owns. */
    public abstract TxQueue txQueue(int worker);

    /** The largest frame this port can send whole, Ethernet header and tags included. */
    public abstract int maxFrameLength();

    /** Carrier: true while the link under the port is up. May ask the kernel; called from control threads. */
    public boolean linkUp() {
        return true;
    }

    /** Where the port is, for listings: "ifindex 7, netns lab-sw"; empty when there is nothing to say. */
    public String location() {
        return "";
    }

    /** Releases sockets, rings and descriptors. */
    @Override
    public abstract void close() throws IOException;
}
