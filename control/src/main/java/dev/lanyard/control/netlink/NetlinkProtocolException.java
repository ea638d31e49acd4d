package dev.lanyard.control.netlink;

import java.io.IOException;

/** A netlink message that cannot be read: truncated, with lengths pointing outside it, or otherwise malformed. */
public final class NetlinkProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    public NetlinkProtocolException(String message) {
        super(message);
    }
}
