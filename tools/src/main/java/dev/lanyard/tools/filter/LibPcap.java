package dev.lanyard.tools.filter;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * pcap/pcap.h: the few libpcap calls that compile a filter expression, JNA direct mapping. Loaded on first use;
 * when libpcap is missing, {@link #LOAD_ERROR} says which package to install and no native method may be called.
 */
final class LibPcap {
    /** DLT_EN10MB: Ethernet. */
    static final int DLT_EN10MB = 1;
    /** PCAP_NETMASK_UNKNOWN: "ip broadcast" cannot be compiled without a netmask; nothing else needs one. */
    static final int PCAP_NETMASK_UNKNOWN = 0xFFFFFFFF;
    /** sizeof(struct bpf_insn). */
    static final int BPF_INSN_SIZE = 8;

    /** Why libpcap could not be loaded, or null when it was. */
    static final String LOAD_ERROR;

    static {
        String error = null;
        try {
            Native.register(LibPcap.class, library());
        } catch (UnsatisfiedLinkError e) {
            error = "libpcap is not installed (looked for libpcap.so and libpcap.so.0.8): install the libpcap0.8 "
                    + "package (apt-get install libpcap0.8) or your distribution's libpcap; " + e.getMessage();
        }
        LOAD_ERROR = error;
    }

    private LibPcap() {
    }

    /** Plain "pcap" finds libpcap.so, which only the -dev package installs; Debian's runtime package has .so.0.8. */
    private static NativeLibrary library() {
        try {
            return NativeLibrary.getInstance("pcap");
        } catch (UnsatisfiedLinkError notPlain) {
            return NativeLibrary.getInstance("libpcap.so.0.8");
        }
    }

    /** pcap_t *pcap_open_dead(int linktype, int snaplen); */
    static native Pointer pcap_open_dead(int linktype, int snaplen);

    /** int pcap_compile(pcap_t *p, struct bpf_program *fp, const char *str, int optimize, bpf_u_int32 netmask); */
    static native int pcap_compile(Pointer p, Pointer program, String expression, int optimize, int netmask);

    /** void pcap_freecode(struct bpf_program *fp); */
    static native void pcap_freecode(Pointer program);

    /** char *pcap_geterr(pcap_t *p); */
    static native String pcap_geterr(Pointer p);

    /** void pcap_close(pcap_t *p); */
    static native void pcap_close(Pointer p);
}
