package dev.lanyard.tools.filter;

import java.util.Arrays;

/**
 * A classic BPF program: instructions {@code {u16 code; u8 jt; u8 jf; u32 k}} held as parallel primitive arrays.
 * Immutable. It is only data: {@link BpfInterpreter} checks that it is safe to run.
 */
public final class BpfProgram {
    private final short[] code;
    private final byte[] jt;
    private final byte[] jf;
    private final int[] k;

    /** A program from parallel arrays of equal length (copied). */
    public BpfProgram(short[] code, byte[] jt, byte[] jf, int[] k) {
        if (code.length != jt.length || code.length != jf.length || code.length != k.length) {
            throw new IllegalArgumentException("instruction arrays differ in length: code " + code.length
                    + ", jt " + jt.length + ", jf " + jf.length + ", k " + k.length);
        }
        this.code = code.clone();
        this.jt = jt.clone();
        this.jf = jf.clone();
        this.k = k.clone();
    }

    /** The program that accepts every packet, up to {@code snaplen} bytes: what an empty expression compiles to. */
    public static BpfProgram acceptAll(int snaplen) {
        return new Builder().stmt(Bpf.RET | Bpf.K, snaplen).build();
    }

    /** Number of instructions. */
    public int length() {
        return code.length;
    }

    /** The opcode of instruction {@code i}, 0 to 0xffff. */
    public int code(int i) {
        return code[i] & 0xFFFF;
    }

    /** The jump-if-true offset of instruction {@code i}, 0 to 255, counted from the next instruction. */
    public int jt(int i) {
        return jt[i] & 0xFF;
    }

    /** The jump-if-false offset of instruction {@code i}, 0 to 255. */
    public int jf(int i) {
        return jf[i] & 0xFF;
    }

    /** The constant of instruction {@code i}, a u32 held in an int. */
    public int k(int i) {
        return k[i];
    }

    /** One line per instruction, in the format of {@code tcpdump -d}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < code.length; i++) {
            if (i > 0) {
                out.append('\n');
            }
            BpfImage.append(out, this, i);
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BpfProgram p && Arrays.equals(code, p.code) && Arrays.equals(jt, p.jt)
                && Arrays.equals(jf, p.jf) && Arrays.equals(k, p.k);
    }

    @Override
    public int hashCode() {
        return ((Arrays.hashCode(code) * 31 + Arrays.hashCode(jt)) * 31 + Arrays.hashCode(jf)) * 31
                + Arrays.hashCode(k);
    }

    /** Builds a program one instruction at a time, as the BPF_STMT and BPF_JUMP macros do. */
    public static final class Builder {
        private short[] code = new short[16];
        private byte[] jt = new byte[16];
        private byte[] jf = new byte[16];
        private int[] k = new int[16];
        private int length;

        /** Appends an instruction that does not branch. */
        public Builder stmt(int opcode, int constant) {
            return jump(opcode, constant, 0, 0);
        }

        /** Appends an instruction with jump offsets (0 to 255 each). */
        public Builder jump(int opcode, int constant, int ifTrue, int ifFalse) {
            if (opcode < 0 || opcode > 0xFFFF || ifTrue < 0 || ifTrue > 0xFF || ifFalse < 0 || ifFalse > 0xFF) {
                throw new IllegalArgumentException("instruction " + length + " out of range: code " + opcode
                        + ", jt " + ifTrue + ", jf " + ifFalse);
            }
            if (length == code.length) {
                code = Arrays.copyOf(code, length * 2);
                jt = Arrays.copyOf(jt, length * 2);
                jf = Arrays.copyOf(jf, length * 2);
                k = Arrays.copyOf(k, length * 2);
            }
            code[length] = (short) opcode;
            jt[length] = (byte) ifTrue;
            jf[length] = (byte) ifFalse;
            k[length] = constant;
            length++;
            return this;
        }

        /** The program of the instructions appended so far. */
        public BpfProgram build() {
            return new BpfProgram(Arrays.copyOf(code, length), Arrays.copyOf(jt, length), Arrays.copyOf(jf, length),
                    Arrays.copyOf(k, length));
        }
    }
}
