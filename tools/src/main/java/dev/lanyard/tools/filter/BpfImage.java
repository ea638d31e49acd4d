package dev.lanyard.tools.filter;

/** Prints one BPF instruction the way {@code tcpdump -d} (libpcap's bpf_image) does. */
final class BpfImage {
    private BpfImage() {
    }

    static void append(StringBuilder out, BpfProgram program, int n) {
        int code = program.code(n);
        int k = program.k(n);
        String op;
        String operand;
        switch (code) {
            case Bpf.RET | Bpf.K -> {
                op = "ret";
                operand = "#" + k;
            }
            case Bpf.RET | Bpf.A -> {
                op = "ret";
                operand = "";
            }
            case Bpf.LD | Bpf.W | Bpf.ABS -> {
                op = "ld";
                operand = absolute(k);
            }
            case Bpf.LD | Bpf.H | Bpf.ABS -> {
                op = "ldh";
                operand = absolute(k);
            }
            case Bpf.LD | Bpf.B | Bpf.ABS -> {
                op = "ldb";
                operand = absolute(k);
            }
            case Bpf.LD | Bpf.W | Bpf.LEN -> {
                op = "ld";
                operand = "#pktlen";
            }
            case Bpf.LDX | Bpf.W | Bpf.LEN -> {
                op = "ldx";
                operand = "#pktlen";
            }
            case Bpf.LD | Bpf.W | Bpf.IND -> {
                op = "ld";
                operand = "[x + " + k + "]";
            }
            case Bpf.LD | Bpf.H | Bpf.IND -> {
                op = "ldh";
                operand = "[x + " + k + "]";
            }
            case Bpf.LD | Bpf.B | Bpf.IND -> {
                op = "ldb";
                operand = "[x + " + k + "]";
            }
            case Bpf.LD | Bpf.IMM -> {
                op = "ld";
                operand = hex(k);
            }
            case Bpf.LDX | Bpf.IMM -> {
                op = "ldx";
                operand = hex(k);
            }
            case Bpf.LDX | Bpf.MSH | Bpf.B -> {
                op = "ldxb";
                operand = "4*([" + k + "]&0xf)";
            }
            case Bpf.LD | Bpf.MEM -> {
                op = "ld";
                operand = "M[" + k + "]";
            }
            case Bpf.LDX | Bpf.MEM -> {
                op = "ldx";
                operand = "M[" + k + "]";
            }
            case Bpf.ST -> {
                op = "st";
                operand = "M[" + k + "]";
            }
            case Bpf.STX -> {
                op = "stx";
                operand = "M[" + k + "]";
            }
            case Bpf.JMP | Bpf.JA -> {
                op = "ja";
                operand = Integer.toString(n + 1 + k);
            }
            case Bpf.ALU | Bpf.NEG -> {
                op = "neg";
                operand = "";
            }
            case Bpf.MISC | Bpf.TAX -> {
                op = "tax";
                operand = "";
            }
            case Bpf.MISC | Bpf.TXA -> {
                op = "txa";
                operand = "";
            }
            default -> {
                op = operationName(code);
                operand = op == null ? "0x" + Integer.toHexString(code) : operand(code, k);
                op = op == null ? "unimp" : op;
            }
        }
        out.append('(').append(pad3(n)).append(") ");
        if (Bpf.classOf(code) == Bpf.JMP && Bpf.opOf(code) != Bpf.JA) {
            out.append(String.format("%-8s %-16s jt %d\tjf %d", op, operand, n + 1 + program.jt(n),
                    n + 1 + program.jf(n)));
        } else if (operand.isEmpty()) {
            out.append(op);
        } else {
            out.append(String.format("%-8s %s", op, operand));
        }
    }

    /** Name of a conditional jump or two-operand ALU opcode, null for anything else. */
    private static String operationName(int code) {
        if ((code & ~0xf8) == Bpf.JMP) {
            switch (Bpf.opOf(code)) {
                case Bpf.JEQ:
                    return "jeq";
                case Bpf.JGT:
                    return "jgt";
                case Bpf.JGE:
                    return "jge";
                case Bpf.JSET:
                    return "jset";
                default:
                    return null;
            }
        }
        if ((code & ~0xf8) == Bpf.ALU) {
            switch (Bpf.opOf(code)) {
                case Bpf.ADD:
                    return "add";
                case Bpf.SUB:
                    return "sub";
                case Bpf.MUL:
                    return "mul";
                case Bpf.DIV:
                    return "div";
                case Bpf.MOD:
                    return "mod";
                case Bpf.AND:
                    return "and";
                case Bpf.OR:
                    return "or";
                case Bpf.XOR:
                    return "xor";
                case Bpf.LSH:
                    return "lsh";
                case Bpf.RSH:
                    return "rsh";
                default:
                    return null;
            }
        }
        return null;
    }

    /** Jumps and bitwise operations show k in hex, arithmetic in decimal, as bpf_image does. */
    private static String operand(int code, int k) {
        if (Bpf.srcOf(code) == Bpf.X) {
            return "x";
        }
        if (Bpf.classOf(code) == Bpf.JMP) {
            return hex(k);
        }
        switch (Bpf.opOf(code)) {
            case Bpf.AND:
            case Bpf.OR:
            case Bpf.XOR:
                return hex(k);
            default:
                return "#" + k;
        }
    }

    private static String absolute(int k) {
        String name = ancillaryName(k);
        return name != null ? "[" + name + "]" : "[" + k + "]";
    }

    /** bpf_image's symbolic names of the Linux ancillary offsets (SKF_AD_OFF + 4 * index), null for a gap. */
    private static final String[] ANCILLARY = {"proto", "type", "ifidx", "nla", "nlan", "mark", "queue", "hatype",
        "rxhash", "cpu", "xor_x", "vlan_tci", "vlanp", "poff", "random", "vlan_tpid"};

    /** The symbolic name of an ancillary offset, null for a packet offset or an unnamed one. */
    static String ancillaryName(int k) {
        int item = k - Bpf.SKF_AD_OFF;
        if (k >= 0 || item < 0 || (item & 3) != 0 || item / 4 >= ANCILLARY.length) {
            return null;
        }
        return ANCILLARY[item / 4];
    }

    private static String hex(int k) {
        return "#0x" + Integer.toHexString(k);
    }

    private static String pad3(int n) {
        return n < 10 ? "00" + n : n < 100 ? "0" + n : Integer.toString(n);
    }
}
