package dev.lanyard.tools.filter;

/**
 * Checks once, before a program first runs, everything the interpreter's run loop then takes for granted: every
 * opcode is one it knows, scratch memory indices are in range, no division or modulo by a constant 0, constant
 * shifts below 32, every jump lands forward inside the program, the last instruction returns, and ancillary loads
 * name metadata the {@link BpfContext} carries. Packet bounds are the only thing left to check at run time.
 */
final class BpfVerifier {
    private BpfVerifier() {
    }

    /** Throws IllegalArgumentException naming the first bad instruction. */
    static void verify(BpfProgram program) {
        int length = program.length();
        if (length == 0) {
            throw new IllegalArgumentException("BPF program has no instructions");
        }
        for (int i = 0; i < length; i++) {
            String problem = problem(program, i);
            if (problem != null) {
                StringBuilder image = new StringBuilder();
                BpfImage.append(image, program, i);
                throw new IllegalArgumentException("BPF instruction " + image + ": " + problem);
            }
        }
        if (Bpf.classOf(program.code(length - 1)) != Bpf.RET) {
            throw new IllegalArgumentException("BPF program does not end in a return (last instruction "
                    + (length - 1) + ")");
        }
    }

    /** What is wrong with instruction {@code i}, or null. */
    private static String problem(BpfProgram program, int i) {
        int code = program.code(i);
        int k = program.k(i);
        switch (code) {
            case Bpf.LD | Bpf.W | Bpf.ABS, Bpf.LD | Bpf.H | Bpf.ABS, Bpf.LD | Bpf.B | Bpf.ABS:
                return k < 0 && k >= Bpf.SKF_AD_OFF && !ancillarySupported(k - Bpf.SKF_AD_OFF)
                        ? "ancillary load SKF_AD_OFF+" + (k - Bpf.SKF_AD_OFF) + " is not supported" : null;
            case Bpf.LD | Bpf.W | Bpf.IND, Bpf.LD | Bpf.H | Bpf.IND, Bpf.LD | Bpf.B | Bpf.IND,
                    Bpf.LD | Bpf.W | Bpf.LEN, Bpf.LD | Bpf.IMM, Bpf.LDX | Bpf.W | Bpf.IMM, Bpf.LDX | Bpf.W | Bpf.LEN,
                    Bpf.LDX | Bpf.B | Bpf.MSH, Bpf.RET | Bpf.K, Bpf.RET | Bpf.A, Bpf.MISC | Bpf.TAX,
                    Bpf.MISC | Bpf.TXA, Bpf.ALU | Bpf.NEG:
                return null;
            case Bpf.LD | Bpf.MEM, Bpf.LDX | Bpf.MEM, Bpf.ST, Bpf.STX:
                return k < 0 || k >= Bpf.MEMWORDS ? "scratch memory index " + Integer.toUnsignedString(k)
                        + " is outside M[0.." + (Bpf.MEMWORDS - 1) + "]" : null;
            case Bpf.JMP | Bpf.JA:
                if (k < 0) {
                    return "jumps backwards; loops (which libpcap generates for protochain) are not supported";
                }
                return (long) i + 1 + k >= program.length() ? "jumps past the end of the program" : null;
            default:
                break;
        }
        switch (code & ~Bpf.X) {
            case Bpf.ALU | Bpf.ADD, Bpf.ALU | Bpf.SUB, Bpf.ALU | Bpf.MUL, Bpf.ALU | Bpf.AND, Bpf.ALU | Bpf.OR,
                    Bpf.ALU | Bpf.XOR:
                return null;
            case Bpf.ALU | Bpf.DIV, Bpf.ALU | Bpf.MOD:
                return Bpf.srcOf(code) == Bpf.K && k == 0 ? "division by the constant 0" : null;
            case Bpf.ALU | Bpf.LSH, Bpf.ALU | Bpf.RSH:
                return Bpf.srcOf(code) == Bpf.K && (k < 0 || k >= 32)
                        ? "shift by " + Integer.toUnsignedString(k) + " bits (at most 31)" : null;
            case Bpf.JMP | Bpf.JEQ, Bpf.JMP | Bpf.JGT, Bpf.JMP | Bpf.JGE, Bpf.JMP | Bpf.JSET:
                return i + 1 + Math.max(program.jt(i), program.jf(i)) >= program.length()
                        ? "jumps past the end of the program" : null;
            default:
                return String.format("unknown opcode 0x%02x", code);
        }
    }

    static boolean ancillarySupported(int item) {
        switch (item) {
            case Bpf.SKF_AD_PROTOCOL, Bpf.SKF_AD_PKTTYPE, Bpf.SKF_AD_IFINDEX, Bpf.SKF_AD_HATYPE, Bpf.SKF_AD_VLAN_TAG,
                    Bpf.SKF_AD_VLAN_TAG_PRESENT, Bpf.SKF_AD_VLAN_TPID:
                return true;
            default:
                return false;
        }
    }
}
