package dev.lanyard.tools.trace;

/**
 * One egress copy of a traced frame.
 *
 * @param port   the port's name
 * @param index  the port's index
 * @param queued true when the copy was (or would be) queued for sending
 * @param drop   the drop reason's key when it was not ("tx-full", "oversize"), else null
 */
public record EgressReport(String port, int index, boolean queued, String drop) {
}
