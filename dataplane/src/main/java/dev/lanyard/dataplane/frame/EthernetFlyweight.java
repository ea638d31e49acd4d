package dev.lanyard.dataplane.frame;

import java.nio.ByteBuffer;

/**
 * Decodes the Ethernet header of a frame in place, with up to {@link #MAX_TAGS} 802.1Q/802.1ad tags, without
 * allocating. The buffer must be big-endian (network order). A tag that the kernel stripped into the ring header
 * (tp_vlan_tci) is passed in and treated as the outermost tag, exactly as if it were still in the frame.
 *
 * <pre>
 *  0                   6                   12      14        18        22
 *  +-------------------+-------------------+-------+---------+---------+---------
 *  | destination MAC   | source MAC        | TPID  | TCI     | type    | payload   (one tag)
 *  +-------------------+-------------------+-------+---------+---------+---------
 *  TCI = PCP(3) DEI(1) VID(12)
 * </pre>
 */
public final class EthernetFlyweight {
    /** Offset of the destination address. */
    public static final int DST_OFFSET = 0;
    /** Offset of the source address. */
    public static final int SRC_OFFSET = 6;
    /** Offset of the first EtherType or TPID. */
    public static final int TYPE_OFFSET = 12;
    /** Length of an untagged header. */
    public static final int HEADER_LENGTH = 14;
    /** Length of one VLAN tag (TPID + TCI). */
    public static final int TAG_LENGTH = 4;
    /** Tags decoded before the payload is considered opaque. */
    public static final int MAX_TAGS = 2;
    /** No tag: the value of {@link #outerTci()} and the external TCI argument. */
    public static final int NO_TAG = -1;

    /** Decoded cleanly. */
    public static final int OK = 0;
    /** Shorter than a 14-byte Ethernet header. */
    public static final int RUNT = 1;
    /** A VLAN tag is cut off by the end of the frame. */
    public static final int TRUNCATED_TAG = 2;
    /** An 802.3 length field larger than the payload, or a type field between 1501 and 1535. */
    public static final int BAD_LENGTH = 3;

    private ByteBuffer buffer;
    private int offset;
    private int length;
    private long dst;
    private long src;
    private int outerTpid;
    private int outerTci;
    private int innerTci;
    private int tagCount;
    private int inFrameTags;
    private int etherType;
    private int payloadOffset;
    private boolean externalTag;

    /** Decodes an untagged-as-received frame. Returns OK or a decode error; never throws for any input. */
    public int wrap(ByteBuffer buffer, int offset, int length) {
        return wrap(buffer, offset, length, 0, NO_TAG);
    }

    /**
     * Decodes a frame whose outer tag the kernel may have stripped: {@code externalTci} is the stripped TCI or
     * {@link #NO_TAG}, {@code externalTpid} its TPID (0 means 802.1Q).
     */
    public int wrap(ByteBuffer buffer, int offset, int length, int externalTpid, int externalTci) {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        this.tagCount = 0;
        this.inFrameTags = 0;
        this.outerTci = NO_TAG;
        this.innerTci = NO_TAG;
        this.outerTpid = 0;
        this.etherType = 0;
        this.payloadOffset = offset + length;
        this.externalTag = externalTci != NO_TAG;
        if (length < HEADER_LENGTH) {
            dst = length >= 6 ? MacAddress.read(buffer, offset) : 0;
            src = length >= 12 ? MacAddress.read(buffer, offset + SRC_OFFSET) : 0;
            return RUNT;
        }
        dst = MacAddress.read(buffer, offset + DST_OFFSET);
        src = MacAddress.read(buffer, offset + SRC_OFFSET);
        if (externalTag) {
            outerTpid = externalTpid == 0 ? EtherType.VLAN : externalTpid;
            outerTci = externalTci & 0xFFFF;
            tagCount = 1;
        }
        int pos = offset + TYPE_OFFSET;
        int end = offset + length;
        int type = buffer.getShort(pos) & 0xFFFF;
        while (EtherType.isVlanTag(type) && tagCount < MAX_TAGS) {
            if (pos + TAG_LENGTH + 2 > end) {
                return TRUNCATED_TAG;
            }
            int tci = buffer.getShort(pos + 2) & 0xFFFF;
            if (tagCount == 0) {
                outerTpid = type;
                outerTci = tci;
            } else {
                innerTci = tci;
            }
            tagCount++;
            inFrameTags++;
            pos += TAG_LENGTH;
            type = buffer.getShort(pos) & 0xFFFF;
        }
        etherType = type;
        payloadOffset = pos + 2;
        if (type <= EtherType.MAX_8023_LENGTH) {
            if (type > end - payloadOffset) {
                return BAD_LENGTH;
            }
        } else if (type < EtherType.MIN_ETHERTYPE) {
            return BAD_LENGTH;
        }
        return OK;
    }

    /** The buffer of the frame last wrapped. */
    public ByteBuffer buffer() {
        return buffer;
    }

    /** The absolute index of the frame's first byte. */
    public int offset() {
        return offset;
    }

    /** The frame's length as it sits in the buffer (a stripped tag is not counted). */
    public int length() {
        return length;
    }

    /** Destination MAC, or 0 when the frame is too short to hold one. */
    public long dst() {
        return dst;
    }

    /** Source MAC, or 0 when the frame is too short to hold one. */
    public long src() {
        return src;
    }

    /** Number of VLAN tags decoded, counting a stripped one. */
    public int tagCount() {
        return tagCount;
    }

    /** Tags that are in the frame's bytes (a stripped tag is not). */
    public int inFrameTags() {
        return inFrameTags;
    }

    /** True when the outer tag was passed in from the ring header rather than read from the frame. */
    public boolean hasExternalTag() {
        return externalTag;
    }

    /** The outer tag's TCI, or {@link #NO_TAG}. */
    public int outerTci() {
        return outerTci;
    }

    /** The outer tag's TPID, or 0 when untagged. */
    public int outerTpid() {
        return outerTpid;
    }

    /** The inner tag's TCI (QinQ), or {@link #NO_TAG}. */
    public int innerTci() {
        return innerTci;
    }

    /** The VLAN the frame belongs to for learning and lookup: the outer VID, 0 when untagged. */
    public int vid() {
        return outerTci == NO_TAG ? 0 : outerTci & 0x0FFF;
    }

    /** The priority code point of the outer tag, 0 when untagged. */
    public int pcp() {
        return outerTci == NO_TAG ? 0 : outerTci >>> 13;
    }

    /** The EtherType (or 802.3 length) after the tags. */
    public int etherType() {
        return etherType;
    }

    /** The absolute index where the payload after the EtherType starts. */
    public int payloadOffset() {
        return payloadOffset;
    }

    /** Bytes of payload after the EtherType. */
    public int payloadLength() {
        return offset + length - payloadOffset;
    }

    /** True when the payload is opaque because the frame carries more tags than are decoded. */
    public boolean hasMoreTags() {
        return EtherType.isVlanTag(etherType);
    }
}
