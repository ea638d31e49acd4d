package dev.lanyard.tools.filter;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * Compiles a tcpdump filter expression (pcap-filter(7)) into classic BPF with libpcap's own compiler, so an
 * expression means here exactly what it means to tcpdump: {@code pcap_open_dead(DLT_EN10MB, snaplen)},
 * {@code pcap_compile} with the optimizer on, then the instructions are copied out and the native program freed.
 * Calls are serialized: libpcap compilers before 1.8 are not thread-safe.
 */
public final class BpfCompiler {
    /** What tcpdump keeps of a packet by default, and so what a matching packet's program returns. */
    public static final int DEFAULT_SNAPLEN = 262144;

    private static final Object LOCK = new Object();

    private BpfCompiler() {
    }

    /**
     * Compiles an expression for Ethernet frames. A null or blank expression matches everything and needs no
     * libpcap.
     *
     * @throws FilterException {@code bad filter "tcp prot 80": syntax error}, with libpcap's text, or a message
     *                         saying which package to install when libpcap is missing
     */
    public static BpfProgram compile(String expression, int snaplen) throws FilterException {
        if (snaplen <= 0) {
            throw new IllegalArgumentException("snaplen " + snaplen + " must be positive");
        }
        if (expression == null || expression.isBlank()) {
            return BpfProgram.acceptAll(snaplen);
        }
        if (expression.indexOf('\0') >= 0) {
            throw new FilterException("bad filter " + quote(expression) + ": it contains a NUL character");
        }
        synchronized (LOCK) {
            String unavailable = LibPcap.LOAD_ERROR;
            if (unavailable != null) {
                throw new FilterException("cannot compile filter " + quote(expression) + ": " + unavailable);
            }
            Pointer pcap = LibPcap.pcap_open_dead(LibPcap.DLT_EN10MB, snaplen);
            if (pcap == null) {
                throw new FilterException("cannot compile filter " + quote(expression)
                        + ": pcap_open_dead failed (out of memory)");
            }
            try {
                return compile(pcap, expression);
            } finally {
                LibPcap.pcap_close(pcap);
            }
        }
    }

    private static BpfProgram compile(Pointer pcap, String expression) throws FilterException {
        // struct bpf_program { u_int bf_len; struct bpf_insn *bf_insns; }: the pointer is aligned to its own size.
        Memory fp = new Memory(2L * Native.POINTER_SIZE);
        fp.clear();
        if (LibPcap.pcap_compile(pcap, fp, expression, 1, LibPcap.PCAP_NETMASK_UNKNOWN) != 0) {
            throw new FilterException("bad filter " + quote(expression) + ": " + LibPcap.pcap_geterr(pcap));
        }
        try {
            int length = fp.getInt(0);
            Pointer insns = fp.getPointer(Native.POINTER_SIZE);
            if (length <= 0 || insns == null) {
                throw new FilterException("bad filter " + quote(expression) + ": libpcap returned an empty program");
            }
            short[] code = new short[length];
            byte[] jt = new byte[length];
            byte[] jf = new byte[length];
            int[] k = new int[length];
            for (int i = 0; i < length; i++) {
                long at = (long) i * LibPcap.BPF_INSN_SIZE;
                code[i] = insns.getShort(at);
                jt[i] = insns.getByte(at + 2);
                jf[i] = insns.getByte(at + 3);
                k[i] = insns.getInt(at + 4);
            }
            return new BpfProgram(code, jt, jf, k);
        } finally {
            LibPcap.pcap_freecode(fp);
        }
    }

    static String quote(String expression) {
        return "\"" + expression + "\"";
    }
}
