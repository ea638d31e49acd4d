package dev.lanyard.dataplane.trace;

import dev.lanyard.dataplane.forward.DropReason;

/**
 * One copy of a traced frame for one egress port.
 *
 * @param port   the port's index
 * @param name   the port's name
 * @param drop   why the copy was (or would be) dropped on transmit, or null when it was (would be) queued
 */
public record Egress(int port, String name, DropReason drop) {
    /** True when the copy was (or would be) queued for sending. */
    public boolean queued() {
        return drop == null;
    }
}
