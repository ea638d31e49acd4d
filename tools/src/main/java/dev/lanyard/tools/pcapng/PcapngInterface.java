package dev.lanyard.tools.pcapng;

/**
 * One interface description block as read.
 *
 * @param id             the interface's index in its section, the id its packets carry
 * @param name           if_name, or the empty string when the block has none
 * @param linkType       the LINKTYPE_ value (1 for Ethernet)
 * @param snaplen        the most bytes kept of a frame, 0 for no limit
 * @param ticksPerSecond timestamp units per second from if_tsresol (10^6 when the option is absent)
 * @param offsetSeconds  if_tsoffset, added to every timestamp
 */
public record PcapngInterface(int id, String name, int linkType, int snaplen, long ticksPerSecond,
        long offsetSeconds) {
}
