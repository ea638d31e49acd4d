package dev.lanyard.control.netlink;

import java.io.IOException;

/** Receives the data messages of a netlink exchange (a dump's parts, a GET's reply, a notification). */
@FunctionalInterface
interface MessageHandler {
    /** Handles one message; the message is only valid during the call. */
    void accept(NetlinkMessage message) throws IOException;
}
