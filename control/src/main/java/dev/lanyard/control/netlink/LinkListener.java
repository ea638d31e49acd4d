package dev.lanyard.control.netlink;

/** Receives the events of a {@link LinkMonitor}, on the monitor's own thread, one at a time and in order. */
@FunctionalInterface
public interface LinkListener {
    /** A link appeared, went away or changed. */
    void onLinkEvent(LinkEvent event);

    /**
     * The kernel dropped notifications because the monitor fell behind. The monitor then compares a fresh dump
     * with what it knew and reports the differences as ordinary events, right after this call.
     */
    default void onEventsLost() {
    }
}
