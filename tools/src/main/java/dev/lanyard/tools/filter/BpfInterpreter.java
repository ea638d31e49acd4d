package dev.lanyard.tools.filter;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Runs a classic BPF program over a frame with the semantics of libpcap's bpf_filter and the Linux socket filter:
 * 32-bit unsigned registers A and X, scratch memory M[0..15] (zero at the start of each run), big-endian packet
 * loads, and a packet load past the captured bytes, or a division or modulo by X = 0, rejects the packet. A shift by
 * X of 32 or more gives 0, as in libpcap. Absolute loads at {@code SKF_AD_OFF + n} read metadata from the
 * {@link BpfContext}.
 *
 * <p>The program is verified once, here in the constructor; {@link #run} allocates nothing and checks nothing per
 * instruction but packet bounds. An interpreter is immutable and can be shared; each thread brings its own context.
 */
public final class BpfInterpreter {
    /** Verified ancillary loads are rewritten to ANCILLARY + item so that the run loop dispatches on them directly. */
    private static final int ANCILLARY = 0x1000;

    private final BpfProgram program;
    private final int[] code;
    private final int[] k;
    /** Index of the next instruction when a jump is taken (also for JA). */
    private final int[] ifTrue;
    /** Index of the next instruction when a conditional jump is not taken. */
    private final int[] ifFalse;
    /** Whether the program loads from scratch memory, which then has to start each run at zero. */
    private final boolean readsMemory;

    /** Verifies the program; throws IllegalArgumentException naming the first instruction it cannot run. */
    public BpfInterpreter(BpfProgram program) {
        BpfVerifier.verify(program);
        this.program = program;
        int length = program.length();
        code = new int[length];
        k = new int[length];
        ifTrue = new int[length];
        ifFalse = new int[length];
        boolean memoryLoads = false;
        for (int i = 0; i < length; i++) {
            int c = program.code(i);
            memoryLoads |= c == (Bpf.LD | Bpf.MEM) || c == (Bpf.LDX | Bpf.MEM);
            k[i] = program.k(i);
            boolean absolute = Bpf.classOf(c) == Bpf.LD && Bpf.modeOf(c) == Bpf.ABS;
            code[i] = absolute && k[i] < 0 && k[i] >= Bpf.SKF_AD_OFF ? ANCILLARY + k[i] - Bpf.SKF_AD_OFF : c;
            ifTrue[i] = c == (Bpf.JMP | Bpf.JA) ? i + 1 + k[i] : i + 1 + program.jt(i);
            ifFalse[i] = i + 1 + program.jf(i);
        }
        readsMemory = memoryLoads;
    }

    /** The program this interpreter runs. */
    public BpfProgram program() {
        return program;
    }

    /**
     * Runs the program over {@code frame[offset, offset + capturedLength)} and returns how many bytes it accepts:
     * 0 rejects the packet; a return value above {@link Integer#MAX_VALUE} (such as 0xffffffff) reads as
     * {@link Integer#MAX_VALUE}. The bytes must lie below the buffer's limit; its position and byte order do not
     * matter and are not changed.
     *
     * @param wireLength the frame's length on the wire, what {@code len} and {@code less}/{@code greater} see
     */
    public int run(BpfContext context, ByteBuffer frame, int offset, int capturedLength, int wireLength) {
        if (offset < 0 || capturedLength < 0 || offset > frame.limit() - capturedLength) {
            throw new IndexOutOfBoundsException("frame bytes [" + offset + ", " + offset + "+" + capturedLength
                    + ") are outside a buffer limit of " + frame.limit());
        }
        int[] m = context.memory;
        if (readsMemory) {
            Arrays.fill(m, 0);
        }
        boolean swap = frame.order() != ByteOrder.BIG_ENDIAN;
        long length = capturedLength;
        int a = 0;
        int x = 0;
        int pc = 0;
        while (true) {
            int kk = k[pc];
            long at;
            switch (code[pc]) {
                case Bpf.LD | Bpf.W | Bpf.ABS, Bpf.LD | Bpf.W | Bpf.IND:
                    at = (kk & 0xFFFFFFFFL) + (code[pc] == (Bpf.LD | Bpf.W | Bpf.IND) ? x & 0xFFFFFFFFL : 0);
                    if (at + 4 > length) {
                        return 0;
                    }
                    a = frame.getInt(offset + (int) at);
                    a = swap ? Integer.reverseBytes(a) : a;
                    break;
                case Bpf.LD | Bpf.H | Bpf.ABS, Bpf.LD | Bpf.H | Bpf.IND:
                    at = (kk & 0xFFFFFFFFL) + (code[pc] == (Bpf.LD | Bpf.H | Bpf.IND) ? x & 0xFFFFFFFFL : 0);
                    if (at + 2 > length) {
                        return 0;
                    }
                    short h = frame.getShort(offset + (int) at);
                    a = (swap ? Short.reverseBytes(h) : h) & 0xFFFF;
                    break;
                case Bpf.LD | Bpf.B | Bpf.ABS, Bpf.LD | Bpf.B | Bpf.IND:
                    at = (kk & 0xFFFFFFFFL) + (code[pc] == (Bpf.LD | Bpf.B | Bpf.IND) ? x & 0xFFFFFFFFL : 0);
                    if (at >= length) {
                        return 0;
                    }
                    a = frame.get(offset + (int) at) & 0xFF;
                    break;
                case Bpf.LDX | Bpf.B | Bpf.MSH:
                    at = kk & 0xFFFFFFFFL;
                    if (at >= length) {
                        return 0;
                    }
                    x = (frame.get(offset + (int) at) & 0xF) << 2;
                    break;
                case ANCILLARY + Bpf.SKF_AD_PROTOCOL:
                    a = context.protocol();
                    break;
                case ANCILLARY + Bpf.SKF_AD_PKTTYPE:
                    a = context.packetType();
                    break;
                case ANCILLARY + Bpf.SKF_AD_IFINDEX:
                    a = context.ifIndex();
                    break;
                case ANCILLARY + Bpf.SKF_AD_HATYPE:
                    a = context.hardwareType();
                    break;
                case ANCILLARY + Bpf.SKF_AD_VLAN_TAG:
                    a = context.vlanTag();
                    break;
                case ANCILLARY + Bpf.SKF_AD_VLAN_TAG_PRESENT:
                    a = context.vlanTagPresent() ? 1 : 0;
                    break;
                case ANCILLARY + Bpf.SKF_AD_VLAN_TPID:
                    a = context.vlanTpid();
                    break;
                case Bpf.LD | Bpf.W | Bpf.LEN:
                    a = wireLength;
                    break;
                case Bpf.LDX | Bpf.W | Bpf.LEN:
                    x = wireLength;
                    break;
                case Bpf.LD | Bpf.IMM:
                    a = kk;
                    break;
                case Bpf.LDX | Bpf.W | Bpf.IMM:
                    x = kk;
                    break;
                case Bpf.LD | Bpf.MEM:
                    a = m[kk];
                    break;
                case Bpf.LDX | Bpf.MEM:
                    x = m[kk];
                    break;
                case Bpf.ST:
                    m[kk] = a;
                    break;
                case Bpf.STX:
                    m[kk] = x;
                    break;
                case Bpf.ALU | Bpf.ADD | Bpf.K:
                    a += kk;
                    break;
                case Bpf.ALU | Bpf.ADD | Bpf.X:
                    a += x;
                    break;
                case Bpf.ALU | Bpf.SUB | Bpf.K:
                    a -= kk;
                    break;
                case Bpf.ALU | Bpf.SUB | Bpf.X:
                    a -= x;
                    break;
                case Bpf.ALU | Bpf.MUL | Bpf.K:
                    a *= kk;
                    break;
                case Bpf.ALU | Bpf.MUL | Bpf.X:
                    a *= x;
                    break;
                case Bpf.ALU | Bpf.DIV | Bpf.K:
                    a = Integer.divideUnsigned(a, kk);
                    break;
                case Bpf.ALU | Bpf.DIV | Bpf.X:
                    if (x == 0) {
                        return 0;
                    }
                    a = Integer.divideUnsigned(a, x);
                    break;
                case Bpf.ALU | Bpf.MOD | Bpf.K:
                    a = Integer.remainderUnsigned(a, kk);
                    break;
                case Bpf.ALU | Bpf.MOD | Bpf.X:
                    if (x == 0) {
                        return 0;
                    }
                    a = Integer.remainderUnsigned(a, x);
                    break;
                case Bpf.ALU | Bpf.AND | Bpf.K:
                    a &= kk;
                    break;
                case Bpf.ALU | Bpf.AND | Bpf.X:
                    a &= x;
                    break;
                case Bpf.ALU | Bpf.OR | Bpf.K:
                    a |= kk;
                    break;
                case Bpf.ALU | Bpf.OR | Bpf.X:
                    a |= x;
                    break;
                case Bpf.ALU | Bpf.XOR | Bpf.K:
                    a ^= kk;
                    break;
                case Bpf.ALU | Bpf.XOR | Bpf.X:
                    a ^= x;
                    break;
                case Bpf.ALU | Bpf.LSH | Bpf.K:
                    a <<= kk;
                    break;
                case Bpf.ALU | Bpf.LSH | Bpf.X:
                    a = Integer.compareUnsigned(x, 32) < 0 ? a << x : 0;
                    break;
                case Bpf.ALU | Bpf.RSH | Bpf.K:
                    a >>>= kk;
                    break;
                case Bpf.ALU | Bpf.RSH | Bpf.X:
                    a = Integer.compareUnsigned(x, 32) < 0 ? a >>> x : 0;
                    break;
                case Bpf.ALU | Bpf.NEG:
                    a = -a;
                    break;
                case Bpf.MISC | Bpf.TAX:
                    x = a;
                    break;
                case Bpf.MISC | Bpf.TXA:
                    a = x;
                    break;
                case Bpf.JMP | Bpf.JA:
                    pc = ifTrue[pc];
                    continue;
                case Bpf.JMP | Bpf.JEQ | Bpf.K:
                    pc = a == kk ? ifTrue[pc] : ifFalse[pc];
                    continue;
                case Bpf.JMP | Bpf.JEQ | Bpf.X:
                    pc = a == x ? ifTrue[pc] : ifFalse[pc];
                    continue;
                case Bpf.JMP | Bpf.JGT | Bpf.K:
                    pc = Integer.compareUnsigned(a, kk) > 0 ? ifTrue[pc] : ifFalse[pc];
                    continue;
                case Bpf.JMP | Bpf.JGT | Bpf.X:
                    pc = Integer.compareUnsigned(a, x) > 0 ? ifTrue[pc] : ifFalse[pc];
                    continue;
                case Bpf.JMP | Bpf.JGE | Bpf.K:
                    pc = Integer.compareUnsigned(a, kk) >= 0 ? ifTrue[pc] : ifFalse[pc];
                    continue;
                case Bpf.JMP | Bpf.JGE | Bpf.X:
                    pc = Integer.compareUnsigned(a, x) >= 0 ? ifTrue[pc] : ifFalse[pc];
                    continue;
                case Bpf.JMP | Bpf.JSET | Bpf.K:
                    pc = (a & kk) != 0 ? ifTrue[pc] : ifFalse[pc];
                    continue;
                case Bpf.JMP | Bpf.JSET | Bpf.X:
                    pc = (a & x) != 0 ? ifTrue[pc] : ifFalse[pc];
                    continue;
                case Bpf.RET | Bpf.K:
                    return acceptLength(kk);
                case Bpf.RET | Bpf.A:
                    return acceptLength(a);
                default:
                    throw new IllegalStateException("opcode " + code[pc] + " passed verification");
            }
            pc++;
        }
    }

    private static int acceptLength(int value) {
        return value < 0 ? Integer.MAX_VALUE : value;
    }
}
