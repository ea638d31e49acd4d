package dev.lanyard.dataplane.linux;

import com.sun.jna.Native;

/** sys/mman.h: mapping the PACKET_MMAP rings. Addresses are raw longs (-1 is MAP_FAILED). */
public final class Mman {
    static {
        Native.register(Mman.class, Libc.NAME);
    }

    /** Pages may be read. */
    public static final int PROT_READ = 0x1;
    /** Pages may be written. */
    public static final int PROT_WRITE = 0x2;
    /** Share this mapping. */
    public static final int MAP_SHARED = 0x01;
    /** Populate (prefault) page tables. */
    public static final int MAP_POPULATE = 0x08000;
    /** Returned by mmap on failure: (void *) -1. */
    public static final long MAP_FAILED = -1L;

    private Mman() {
    }

    /** void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset); */
    public static native long mmap(long addr, long length, int prot, int flags, int fd, long offset);

    /** int munmap(void *addr, size_t length); */
    public static native int munmap(long addr, long length);
}
