package dev.lanyard.control.topology;

/**
 * A switch port's storm control as the topology file gives it ({@code storm-control:}): the most broadcast,
 * multicast and unknown-unicast frames per second the port lets in, as a hardware switch's storm-control.
 *
 * @param broadcast      frames per second, or {@link #UNLIMITED} when the file gives none
 * @param multicast      frames per second, or {@link #UNLIMITED}
 * @param unknownUnicast frames per second, or {@link #UNLIMITED}
 * @param burst          frames each class may pass at once above its rate; 0 for the switch's default
 */
public record StormControl(int broadcast, int multicast, int unknownUnicast, int burst) {
    /** No limit. */
    public static final int UNLIMITED = -1;
    /** The largest rate or burst the file may give. */
    public static final int MAX = 100_000_000;
    /** Storm control off. */
    public static final StormControl OFF = new StormControl(UNLIMITED, UNLIMITED, UNLIMITED, 0);
}
