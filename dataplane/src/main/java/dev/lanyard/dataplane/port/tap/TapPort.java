package dev.lanyard.dataplane.port.tap;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.lanyard.dataplane.Clock;
import dev.lanyard.dataplane.counter.WorkerCounters;
import dev.lanyard.dataplane.forward.DropReason;
import dev.lanyard.dataplane.frame.EthernetFlyweight;
import dev.lanyard.dataplane.linux.Errno;
import dev.lanyard.dataplane.linux.Ioctl;
import dev.lanyard.dataplane.linux.NetnsExec;
import dev.lanyard.dataplane.linux.Socket;
import dev.lanyard.dataplane.linux.Structs;
import dev.lanyard.dataplane.linux.Unistd;
import dev.lanyard.dataplane.linux.VirtioNet;
import dev.lanyard.dataplane.port.FrameBatch;
import dev.lanyard.dataplane.port.FrameCopy;
import dev.lanyard.dataplane.port.Port;
import dev.lanyard.dataplane.port.PortKind;
import dev.lanyard.dataplane.port.RxSource;
import dev.lanyard.dataplane.port.TxQueue;
import dev.lanyard.dataplane.port.VnetHeaders;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A TAP device as a port: frames the kernel sends out of the TAP are read from its descriptor, frames the switch
 * forwards are written to it (never through AF_PACKET on the TAP, where they would come back as received). Used as
 * a host's NIC (the interface moved into the host's namespace) or as the switch's internal port (left in the host
 * namespace with the gateway address, as docker0 is).
 */
public final class TapPort extends Port {
    /** A read slot: a 64 KiB GSO frame behind its vnet header. */
    private static final int SLOT = 65_536 + 128;

    private final int fd;
    private final boolean vnet;
    private final int mtu;
    private final Rx rx;
    private final Tx[] tx;
    private boolean closed;

    private TapPort(String name, PortKind kind, int fd, boolean vnet, int mtu, int workers) {
        super(name, kind);
        this.fd = fd;
        this.vnet = vnet;
        this.mtu = mtu;
        this.rx = new Rx();
        this.tx = new Tx[workers];
        for (int w = 0; w < workers; w++) {
            tx[w] = new Tx();
        }
    }

    /**
     * Opens (creating if needed) TAP {@code name} in the namespace at {@code netnsPath} (null for ours), as a port
     * of the given kind ({@link PortKind#TAP} or {@link PortKind#INTERNAL}).
     */
    public static TapPort open(String name, String netnsPath, PortKind kind, int workers) throws IOException {
        return NetnsExec.call(netnsPath, () -> {
            int fd = TapDevice.open(name, true);
            try {
                return new TapPort(name, kind, fd, true, readMtu(name), workers);
            } catch (IOException | RuntimeException e) {
                Unistd.close(fd);
                throw e;
            }
        });
    }

    /** Wraps a TAP descriptor opened elsewhere with {@link TapDevice#open}; the port owns it now. */
    public static TapPort adopt(int fd, String name, PortKind kind, int mtu, int workers) {
        return new TapPort(name, kind, fd, true, mtu, workers);
    }

    /** The MTU of an interface in the calling thread's namespace. */
    static int readMtu(String name) throws IOException {
        int s = Socket.socket(Socket.AF_INET, Socket.SOCK_DGRAM | Socket.SOCK_CLOEXEC, 0);
        if (s < 0) {
            throw Errno.exception("socket(AF_INET)", name);
        }
        try {
            byte[] ifr = Ioctl.ifreq(name);
            if (Ioctl.ioctl(s, Ioctl.SIOCGIFMTU, ifr) != 0) {
                throw Errno.exception("ioctl(SIOCGIFMTU)", name);
            }
            return Structs.readInt(ifr, 16);
        } finally {
            Unistd.close(s);
        }
    }

    /** The TAP's descriptor. */
    public int fd() {
        return fd;
    }

    @Override
    public RxSource rx() {
        return rx;
    }

    @Override
    public TxQueue txQueue(int worker) {
        return tx[worker];
    }

    @Override
    public int maxFrameLength() {
        return mtu + EthernetFlyweight.HEADER_LENGTH + EthernetFlyweight.TAG_LENGTH;
    }

    @Override
    public String location() {
        return "tap fd " + fd;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Unistd.close(fd);
        }
    }

    private static long addressOf(ByteBuffer direct) {
        return Pointer.nativeValue(Native.getDirectBufferPointer(direct));
    }

    /** Reads frames, one read() each, into preallocated slots. */
    private final class Rx implements RxSource {
        private final ByteBuffer slots = ByteBuffer.allocateDirect(FrameBatch.MAX_BURST * SLOT);
        private final long base = addressOf(slots);

        @Override
        public int fd() {
            return fd;
        }

        @Override
        public int receive(FrameBatch batch, WorkerCounters counters, int port) {
            int header = vnet ? VirtioNet.HDR_LEN : 0;
            int added = 0;
            while (!batch.full()) {
                int slot = batch.count() * SLOT;
                long n = Unistd.read(fd, base + slot, SLOT);
                if (n <= header) {
                    break;
                }
                batch.add(slots, slot + header, (int) n - header, 0, EthernetFlyweight.NO_TAG,
                        vnet ? slot : FrameBatch.NO_VNET, 0, Clock.epochNanos());
                batch.setBaseAddress(base);
                added++;
            }
            return added;
        }

        @Override
        public void release() {
            // Slots are simply reused by the next receive.
        }

        @Override
        public void collectStatistics(WorkerCounters counters, int port) {
            // A TAP read loses nothing here: frames wait in the device's queue, whose drops are the device's own.
        }
    }

    /** One worker's writer: the vnet header and the frame (tag put back) staged, then one write(). */
    private final class Tx implements TxQueue {
        private final ByteBuffer stage = ByteBuffer.allocateDirect(SLOT);
        private final ByteBuffer stageLe = stage.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        private final long base = addressOf(stage);

        @Override
        public int offer(FrameBatch batch, int i) {
            int header = 0;
            if (vnet) {
                VnetHeaders.write(batch, i, stageLe, 0);
                header = VirtioNet.HDR_LEN;
            }
            if (batch.wireLength(i) > maxFrameLength() && VnetHeaders.gsoType(batch, i) == VirtioNet.GSO_NONE) {
                return DropReason.OVERSIZE.ordinal();
            }
            int n = FrameCopy.copy(batch, i, stage, header, SLOT - header);
            if (n < 0) {
                return DropReason.OVERSIZE.ordinal();
            }
            if (Unistd.write(fd, base, n + header) >= 0) {
                return QUEUED;
            }
            int errno = Errno.last();
            if (errno == Errno.EAGAIN || errno == Errno.ENOBUFS) {
                return DropReason.TX_FULL.ordinal();
            }
            return errno == Errno.EINVAL ? DropReason.OVERSIZE.ordinal() : DropReason.TX_ERROR.ordinal();
        }

        @Override
        public void flush() {
            // Every write already handed its frame to the kernel.
        }
    }
}
