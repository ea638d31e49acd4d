package dev.lanyard.tools.pcapng;

import java.io.IOException;

/** Input that is not valid pcapng: the message says what is wrong and at which byte of the stream. */
public final class PcapngFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** An error about the stream's content. */
    public PcapngFormatException(String message) {
        super(message);
    }
}
