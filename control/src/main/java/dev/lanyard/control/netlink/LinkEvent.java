package dev.lanyard.control.netlink;

/**
 * A link notification: a link appeared in the namespace (created or moved in), went away (deleted or moved out),
 * or changed (up/down, carrier, name, MTU, ...).
 *
 * @param kind what happened
 * @param link the link as the notification describes it
 */
public record LinkEvent(Kind kind, LinkInfo link) {

    /** What happened to the link. */
    public enum Kind {
        /** The link appeared in the namespace. */
        ADDED,
        /** The link left the namespace or was deleted. */
        REMOVED,
        /** Something about the link changed. */
        CHANGED
    }

    /** The link's name. */
    public String name() {
        return link.name();
    }

    /** The link's index. */
    public int index() {
        return link.index();
    }

    /** IFF_UP. */
    public boolean adminUp() {
        return link.adminUp();
    }

    /** IFF_RUNNING. */
    public boolean operUp() {
        return link.operUp();
    }

    @Override
    public String toString() {
        return kind + " " + link;
    }
}
