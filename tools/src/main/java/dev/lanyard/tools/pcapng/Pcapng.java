package dev.lanyard.tools.pcapng;

/**
 * Numbers of the pcapng format (draft-ietf-opsawg-pcapng): block types, option codes, magic values.
 *
 * <pre>
 * Every block:                      Options (inside a block's body):
 *  0 block type (u32)                 0 option code (u16)
 *  4 block total length (u32)         2 option length (u16), value padded to 32 bits
 *  8 body, padded to 32 bits          4 value
 *  . block total length again         the list ends with opt_endofopt (code 0, length 0)
 * </pre>
 */
final class Pcapng {
    /** Section Header Block; its type reads the same in both byte orders. */
    static final int SHB = 0x0A0D0D0A;
    /** Interface Description Block. */
    static final int IDB = 0x00000001;
    /** Packet Block (obsolete, still read). */
    static final int OPB = 0x00000002;
    /** Simple Packet Block. */
    static final int SPB = 0x00000003;
    /** Enhanced Packet Block. */
    static final int EPB = 0x00000006;

    /** Byte-order magic of the SHB, as written by the section's writer. */
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    /** The same magic read in the other byte order. */
    static final int BYTE_ORDER_MAGIC_SWAPPED = 0x4D3C2B1A;
    /** Format version this code writes and reads (minor 0; 2 is read too). */
    static final int MAJOR_VERSION = 1;

    /** opt_endofopt: ends an option list. */
    static final int OPT_ENDOFOPT = 0;
    /** shb_userappl: the application that wrote the section. */
    static final int SHB_USERAPPL = 4;
    /** if_name: the interface name, UTF-8. */
    static final int IF_NAME = 2;
    /** if_tsresol: one byte, 10^-n seconds per tick, or 2^-n when the top bit is set. */
    static final int IF_TSRESOL = 9;
    /** if_tsoffset: seconds to add to every timestamp of the interface (i64). */
    static final int IF_TSOFFSET = 14;
    /** epb_flags (and pack_flags of the obsolete Packet Block): u32, bits 0-1 direction. */
    static final int EPB_FLAGS = 2;

    /** LINKTYPE_ETHERNET (DLT_EN10MB). */
    static final int LINKTYPE_ETHERNET = 1;
    /** if_tsresol value for nanoseconds: 10^-9. */
    static final int TSRESOL_NANOS = 9;

    private Pcapng() {
    }

    /** Rounds a length up to the 32-bit boundary that pcapng pads every field to. */
    static int pad4(int length) {
        return (length + 3) & ~3;
    }
}
