package dev.lanyard.dataplane.tap;

/** Which way a frame crossed the port a tap point sits on. */
public enum TapDirection {
    /** Received on the port: the frame entered the switch there. */
    RX,
    /** Sent out of the port: one egress copy of a frame. */
    TX;

    private static final TapDirection[] VALUES = values();

    /** The direction with this ordinal. */
    public static TapDirection of(int ordinal) {
        return VALUES[ordinal];
    }
}
