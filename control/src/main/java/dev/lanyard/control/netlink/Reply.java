package dev.lanyard.control.netlink;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads the answer to one request out of the datagrams that arrive, however the kernel splits it: data messages
 * go to a handler; NLMSG_ERROR (an ACK when its error is 0) ends a plain request, NLMSG_DONE ends a dump.
 * Messages with another sequence number (notifications, late answers to an abandoned request) are skipped.
 * A handler failure is held until the answer is complete, so the socket is left clean for the next request.
 */
final class Reply {
    private final int seq;
    private final boolean dump;
    private final String operation;
    private final MessageHandler handler;
    private Exception deferred;
    private boolean interrupted;
    private boolean complete;

    Reply(int seq, boolean dump, String operation, MessageHandler handler) {
        this.seq = seq;
        this.dump = dump;
        this.operation = operation;
        this.handler = handler;
    }

    /**
     * Reads one datagram of {@code length} bytes from offset 0 of {@code buf}. Returns true once the answer is
     * complete. Throws the kernel's refusal as a {@link NetlinkException} and unreadable input as a
     * {@link NetlinkProtocolException}.
     */
    boolean feed(ByteBuffer buf, int length) throws IOException {
        if (complete) {
            throw new IllegalStateException(operation + ": answer already complete");
        }
        int at = 0;
        while (at < length) {
            NetlinkMessage m = NetlinkMessage.at(buf, at, length);
            at = m.nextOffset();
            if (m.seq() == seq && handle(m)) {
                complete = true;
                rethrowDeferred();
                return true;
            }
        }
        return false;
    }

    /** Whether a dump part carried NLM_F_DUMP_INTR: the dump may be inconsistent and should be redone. */
    boolean interrupted() {
        return interrupted;
    }

    private boolean handle(NetlinkMessage m) throws IOException {
        switch (m.type()) {
            case Netlink.NLMSG_ERROR: {
                ErrorMessage error = ErrorMessage.ofError(m);
                if (error.errno() != 0) {
                    throw error.toException(operation);
                }
                return !dump;
            }
            case Netlink.NLMSG_DONE: {
                if (!dump) {
                    return false;
                }
                ErrorMessage done = ErrorMessage.ofDone(m);
                if (done.errno() != 0) {
                    throw done.toException(operation);
                }
                return true;
            }
            case Netlink.NLMSG_OVERRUN:
                throw new NetlinkProtocolException(operation + ": kernel reports lost data (NLMSG_OVERRUN)");
            case Netlink.NLMSG_NOOP:
                return false;
            default:
                interrupted |= (m.flags() & Netlink.NLM_F_DUMP_INTR) != 0;
                if (deferred == null) {
                    try {
                        handler.accept(m);
                    } catch (IOException | RuntimeException e) {
                        deferred = e;
                    }
                }
                return false;
        }
    }

    private void rethrowDeferred() throws IOException {
        if (deferred instanceof IOException io) {
            throw io;
        }
        if (deferred instanceof RuntimeException re) {
            throw re;
        }
    }
}
