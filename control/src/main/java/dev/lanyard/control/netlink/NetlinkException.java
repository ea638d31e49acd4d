package dev.lanyard.control.netlink;

import dev.lanyard.dataplane.linux.Errno;

import java.io.IOException;

/**
 * A request the kernel refused, with the operation and object it was about, the errno and the kernel's
 * extended-ACK text when it gave one: {@code RTM_NEWLINK veth h1-eth0/sw-h1: File exists} or
 * {@code RTM_NEWROUTE default via 10.0.0.1: Invalid argument (kernel: "Nexthop has invalid gateway")}.
 */
public final class NetlinkException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String operation;
    private final int errno;
    private final String kernelMessage;

    /**
     * @param operation     what was asked and of what, e.g. "RTM_SETLINK up h1-eth0"
     * @param errno         the positive errno the kernel answered
     * @param kernelMessage the extended-ACK text, or null or empty when there was none
     */
    public NetlinkException(String operation, int errno, String kernelMessage) {
        super(format(operation, errno, kernelMessage));
        this.operation = operation;
        this.errno = errno;
        this.kernelMessage = kernelMessage == null ? "" : kernelMessage;
    }

    /** What was asked and of what. */
    public String operation() {
        return operation;
    }

    /** The positive errno, e.g. 17 for EEXIST. */
    public int errno() {
        return errno;
    }

    /** The kernel's extended-ACK text, empty when it gave none. */
    public String kernelMessage() {
        return kernelMessage;
    }

    private static String format(String operation, int errno, String kernelMessage) {
        String text = operation + ": " + Errno.describe(errno);
        if (kernelMessage != null && !kernelMessage.isEmpty()) {
            text += " (kernel: \"" + kernelMessage + "\")";
        }
        return text;
    }
}
