package dev.lanyard.control.netlink;

/**
 * The payload of NLMSG_ERROR (and of NLMSG_DONE at the end of a dump), with the extended ACK:
 * <pre>
 *  NLMSG_ERROR: | s32 error | echoed request header (16) | echoed payload unless NLM_F_CAPPED | ext-ack TLVs |
 *  NLMSG_DONE:  | s32 error | ext-ack TLVs |
 * </pre>
 * The TLVs are present only when the flags carry NLM_F_ACK_TLVS; the text is NLMSGERR_ATTR_MSG.
 */
final class ErrorMessage {
    private static final int NLMSGERR_SIZE = 4 + Netlink.NLMSG_HDRLEN;

    private final int errno;
    private final String text;
    private final int missingAttribute;

    private ErrorMessage(int errno, String text, int missingAttribute) {
        this.errno = errno;
        this.text = text;
        this.missingAttribute = missingAttribute;
    }

    /** Reads an NLMSG_ERROR message: an ACK when {@link #errno()} is 0. */
    static ErrorMessage ofError(NetlinkMessage m) throws NetlinkProtocolException {
        if (m.payloadLength() < NLMSGERR_SIZE) {
            throw new NetlinkProtocolException("NLMSG_ERROR truncated: payload of " + m.payloadLength()
                    + " bytes, struct nlmsgerr needs " + NLMSGERR_SIZE);
        }
        int error = m.s32(0);
        if ((m.flags() & Netlink.NLM_F_ACK_TLVS) == 0) {
            return new ErrorMessage(-error, "", 0);
        }
        int tlvStart = NLMSGERR_SIZE;
        if ((m.flags() & Netlink.NLM_F_CAPPED) == 0) {
            int echoedLength = m.s32(4);
            if (echoedLength < Netlink.NLMSG_HDRLEN || echoedLength > m.payloadLength() - 4) {
                throw new NetlinkProtocolException("NLMSG_ERROR echoes a request of " + echoedLength
                        + " bytes in a payload of " + m.payloadLength());
            }
            tlvStart = 4 + Netlink.align(echoedLength);
        }
        return withTlvs(-error, m, tlvStart);
    }

    /** Reads an NLMSG_DONE message: a failed dump when {@link #errno()} is not 0. */
    static ErrorMessage ofDone(NetlinkMessage m) throws NetlinkProtocolException {
        if (m.payloadLength() < 4) {
            throw new NetlinkProtocolException("NLMSG_DONE truncated: payload of " + m.payloadLength()
                    + " bytes, the status needs 4");
        }
        int status = m.s32(0);
        int errno = status < 0 ? -status : 0;
        if ((m.flags() & Netlink.NLM_F_ACK_TLVS) == 0) {
            return new ErrorMessage(errno, "", 0);
        }
        return withTlvs(errno, m, 4);
    }

    private static ErrorMessage withTlvs(int errno, NetlinkMessage m, int tlvStart) throws NetlinkProtocolException {
        if (tlvStart >= m.payloadLength()) {
            return new ErrorMessage(errno, "", 0);
        }
        Attributes tlv = m.attributes(tlvStart, 0);
        String text = tlv.string(Netlink.NLMSGERR_ATTR_MSG);
        int missing = tlv.u32(Netlink.NLMSGERR_ATTR_MISS_TYPE, 0);
        return new ErrorMessage(errno, text == null ? "" : text.strip(), missing);
    }

    /** The positive errno; 0 for an ACK or a dump that ended well. */
    int errno() {
        return errno;
    }

    /** The kernel's text, with the missing attribute named if it said which; empty when it said nothing. */
    String text() {
        if (missingAttribute == 0) {
            return text;
        }
        String missing = "missing attribute " + missingAttribute;
        return text.isEmpty() ? missing : text + "; " + missing;
    }

    /** The exception for a failed request. */
    NetlinkException toException(String operation) {
        return new NetlinkException(operation, errno, text());
    }
}
