package dev.lanyard.tools.pcapng;

/** Which way a frame crossed its port, as the two direction bits of a pcapng packet's flags word. */
public enum Direction {
    /** Direction not recorded (flags bits 00). */
    UNKNOWN(0),
    /** The frame entered the switch on this port (01). */
    INBOUND(1),
    /** The frame left the switch on this port (10). */
    OUTBOUND(2);

    private final int flagBits;

    Direction(int flagBits) {
        this.flagBits = flagBits;
    }

    /** The value of bits 0-1 of epb_flags for this direction. */
    public int flagBits() {
        return flagBits;
    }

    /** The direction in an epb_flags word; the undefined value 11 reads as UNKNOWN. */
    public static Direction fromFlags(int flags) {
        switch (flags & 3) {
            case 1:
                return INBOUND;
            case 2:
                return OUTBOUND;
            default:
                return UNKNOWN;
        }
    }
}
