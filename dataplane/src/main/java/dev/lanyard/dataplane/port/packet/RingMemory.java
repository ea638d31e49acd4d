package dev.lanyard.dataplane.port.packet;

import com.sun.jna.Pointer;
import dev.lanyard.dataplane.linux.Errno;
import dev.lanyard.dataplane.linux.LinuxException;
import dev.lanyard.dataplane.linux.Mman;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A PACKET_MMAP ring mapped into our address space, seen two ways: big-endian for frame bytes (network order) and
 * little-endian for the tpacket2_hdr fields, with acquire/release access to the status word that the kernel and we
 * hand each slot over with.
 */
final class RingMemory implements AutoCloseable {
    private static final VarHandle STATUS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    final long address;
    final int size;
    /** Frame data, network byte order. */
    final ByteBuffer data;
    /** Ring headers, host byte order. */
    final ByteBuffer headers;
    private boolean closed;

    private RingMemory(long address, int size) {
        this.address = address;
        this.size = size;
        this.data = new Pointer(address).getByteBuffer(0, size).order(ByteOrder.BIG_ENDIAN);
        this.headers = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Maps {@code size} bytes of a socket's rings. */
    static RingMemory map(int fd, int size, String ifname) throws LinuxException {
        long addr = Mman.mmap(0, size, Mman.PROT_READ | Mman.PROT_WRITE, Mman.MAP_SHARED, fd, 0);
        if (addr == Mman.MAP_FAILED) {
            throw Errno.exception("mmap(PACKET ring, " + size + " bytes)", ifname);
        }
        return new RingMemory(addr, size);
    }

    /** tp_status of the slot at {@code offset}, read with acquire ordering. */
    int statusAcquire(int offset) {
        return (int) STATUS.getAcquire(headers, offset);
    }

    /** Sets tp_status of the slot at {@code offset} with release ordering: everything written before is visible. */
    void statusRelease(int offset, int status) {
        STATUS.setRelease(headers, offset, status);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Mman.munmap(address, size);
        }
    }
}
