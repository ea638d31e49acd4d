package dev.lanyard.tools.filter;

/**
 * Classic BPF numbers, as in bpf(4) and linux/filter.h: an opcode is a class ORed with a size and mode (loads),
 * an operation and a source (ALU and jumps), or a return value source. Also the Linux ancillary load offsets.
 */
public final class Bpf {
    // Instruction classes: code & 0x07.
    /** Load into A. */
    public static final int LD = 0x00;
    /** Load into X. */
    public static final int LDX = 0x01;
    /** Store A into scratch memory. */
    public static final int ST = 0x02;
    /** Store X into scratch memory. */
    public static final int STX = 0x03;
    /** Arithmetic on A. */
    public static final int ALU = 0x04;
    /** Jumps. */
    public static final int JMP = 0x05;
    /** Return: accept that many bytes, 0 rejects. */
    public static final int RET = 0x06;
    /** Register transfers. */
    public static final int MISC = 0x07;

    // Load sizes: code & 0x18.
    /** 32-bit word. */
    public static final int W = 0x00;
    /** 16-bit half word. */
    public static final int H = 0x08;
    /** Byte. */
    public static final int B = 0x10;

    // Load modes: code & 0xe0.
    /** Constant k. */
    public static final int IMM = 0x00;
    /** Packet data at k. */
    public static final int ABS = 0x20;
    /** Packet data at X + k. */
    public static final int IND = 0x40;
    /** Scratch memory word M[k]. */
    public static final int MEM = 0x60;
    /** The packet's length on the wire. */
    public static final int LEN = 0x80;
    /** LDX only: 4 * (packet byte at k &amp; 0xf), an IPv4 header length. */
    public static final int MSH = 0xa0;

    // ALU and jump operations: code & 0xf0.
    /** A + operand. */
    public static final int ADD = 0x00;
    /** A - operand. */
    public static final int SUB = 0x10;
    /** A * operand. */
    public static final int MUL = 0x20;
    /** A / operand, unsigned; division by zero rejects the packet. */
    public static final int DIV = 0x30;
    /** A | operand. */
    public static final int OR = 0x40;
    /** A &amp; operand. */
    public static final int AND = 0x50;
    /** A &lt;&lt; operand. */
    public static final int LSH = 0x60;
    /** A &gt;&gt;&gt; operand. */
    public static final int RSH = 0x70;
    /** -A. */
    public static final int NEG = 0x80;
    /** A % operand, unsigned; modulo zero rejects the packet. */
    public static final int MOD = 0x90;
    /** A ^ operand. */
    public static final int XOR = 0xa0;
    /** Jump always, by k. */
    public static final int JA = 0x00;
    /** Jump if A == operand. */
    public static final int JEQ = 0x10;
    /** Jump if A &gt; operand, unsigned. */
    public static final int JGT = 0x20;
    /** Jump if A &gt;= operand, unsigned. */
    public static final int JGE = 0x30;
    /** Jump if A &amp; operand is not 0. */
    public static final int JSET = 0x40;

    // Operand source: code & 0x08.
    /** The operand is k. */
    public static final int K = 0x00;
    /** The operand is X. */
    public static final int X = 0x08;
    /** RET only: return A (code & 0x18). */
    public static final int A = 0x10;

    // MISC operations: code & 0xf8.
    /** X = A. */
    public static final int TAX = 0x00;
    /** A = X. */
    public static final int TXA = 0x80;

    /** Scratch memory words M[0..15]. */
    public static final int MEMWORDS = 16;

    /** Ancillary loads: an absolute load at SKF_AD_OFF + n reads item n of the packet's metadata, not its data. */
    public static final int SKF_AD_OFF = -0x1000;
    /** The packet's protocol (the ethertype the kernel put in skb-&gt;protocol), host order. */
    public static final int SKF_AD_PROTOCOL = 0;
    /** The packet type: PACKET_HOST 0, BROADCAST 1, MULTICAST 2, OTHERHOST 3, OUTGOING 4. */
    public static final int SKF_AD_PKTTYPE = 4;
    /** The ifindex of the interface the packet was seen on. */
    public static final int SKF_AD_IFINDEX = 8;
    /** The ARPHRD_ type of that interface (1 for Ethernet). */
    public static final int SKF_AD_HATYPE = 28;
    /** The VLAN TCI the NIC stripped out of the frame. */
    public static final int SKF_AD_VLAN_TAG = 44;
    /** 1 when a stripped VLAN tag is present, else 0. */
    public static final int SKF_AD_VLAN_TAG_PRESENT = 48;
    /** The TPID of the stripped VLAN tag. */
    public static final int SKF_AD_VLAN_TPID = 60;

    private Bpf() {
    }

    /** The class bits of an opcode. */
    public static int classOf(int code) {
        return code & 0x07;
    }

    /** The size bits of a load opcode. */
    public static int sizeOf(int code) {
        return code & 0x18;
    }

    /** The mode bits of a load opcode. */
    public static int modeOf(int code) {
        return code & 0xe0;
    }

    /** The operation bits of an ALU or jump opcode. */
    public static int opOf(int code) {
        return code & 0xf0;
    }

    /** The source bit of an ALU or jump opcode. */
    public static int srcOf(int code) {
        return code & 0x08;
    }
}
