package dev.lanyard.tools.pcapng;

import java.io.Closeable;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.Flushable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Writes a pcapng stream: one section, one interface description block per port, and an enhanced packet block per
 * frame with nanosecond timestamps, the original length and the direction. Output is batched in one reusable buffer
 * and goes to the channel when the buffer fills or on {@link #flush()}, so a reader at the other end of a pipe
 * ({@code | tshark -r -}) sees every packet written before the last flush.
 *
 * <p>Meant for one thread (the capture writer draining the rings); {@link #writePacket} allocates nothing unless a
 * frame is larger than any before it. The channel must be blocking; {@link #close()} flushes and closes it.
 */
public final class PcapngWriter implements Closeable, Flushable {
    /** The application name written into the section header (shb_userappl). */
    public static final String USER_APPLICATION = "lanyard";
    /** Buffer size when none is given: several hundred small frames per write(2). */
    public static final int DEFAULT_BUFFER_SIZE = 256 * 1024;

    /** EPB without its data or options: type, length, interface, timestamp (2), captured and original length. */
    private static final int EPB_FIXED = 28;
    /** epb_flags (4-byte header, 4-byte value) and opt_endofopt. */
    private static final int EPB_FLAGS_OPTION = 12;
    private static final int TRAILER = 4;

    private final WritableByteChannel channel;
    private ByteBuffer buffer;
    private int[] snaplens = new int[8];
    private int interfaceCount;
    private long packets;
    private boolean closed;

    /** A writer over a channel, with the default buffer size; writes the section header into the buffer. */
    public PcapngWriter(WritableByteChannel channel) {
        this(channel, DEFAULT_BUFFER_SIZE);
    }

    /** A writer over a channel with a buffer of {@code bufferSize} bytes (it grows only for a bigger block). */
    public PcapngWriter(WritableByteChannel channel, int bufferSize) {
        if (channel == null) {
            throw new IllegalArgumentException("channel is null");
        }
        if (bufferSize < 256) {
            throw new IllegalArgumentException("buffer size " + bufferSize + " is below 256 bytes");
        }
        this.channel = channel;
        this.buffer = ByteBuffer.allocateDirect(bufferSize).order(ByteOrder.LITTLE_ENDIAN);
        writeSectionHeader();
    }

    /** A writer to a new (or truncated) file. */
    public static PcapngWriter create(Path file) throws IOException {
        return new PcapngWriter(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING));
    }

    /** A writer to this process's standard output, unbuffered by Java, for {@code lanyard ... | tshark -r -}. */
    public static PcapngWriter stdout() {
        return new PcapngWriter(new FileOutputStream(FileDescriptor.out).getChannel());
    }

    /**
     * Appends an interface description block (Ethernet, the given name, nanosecond timestamps) and returns the
     * interface id that packets of this port are written with. Ids count from 0 in the order of the calls.
     *
     * @param name    the port name written as if_name; null or empty writes none
     * @param snaplen the most bytes of a frame that are kept, 0 for no limit; longer frames are truncated
     */
    public int addInterface(String name, int snaplen) throws IOException {
        ensureOpen();
        if (snaplen < 0) {
            throw new IllegalArgumentException("snaplen " + snaplen + " is negative");
        }
        byte[] nameBytes = name == null ? new byte[0] : name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > 0xFFFF) {
            throw new IllegalArgumentException("interface name is " + nameBytes.length + " bytes, above 65535");
        }
        int nameOption = nameBytes.length == 0 ? 0 : 4 + Pcapng.pad4(nameBytes.length);
        int length = 16 + nameOption + 8 + 4 + TRAILER;
        reserve(length);
        int start = buffer.position();
        buffer.putInt(Pcapng.IDB).putInt(length);
        buffer.putShort((short) Pcapng.LINKTYPE_ETHERNET).putShort((short) 0).putInt(snaplen);
        if (nameBytes.length > 0) {
            putOption(Pcapng.IF_NAME, nameBytes);
        }
        buffer.putShort((short) Pcapng.IF_TSRESOL).putShort((short) 1).putInt(Pcapng.TSRESOL_NANOS);
        buffer.putInt(Pcapng.OPT_ENDOFOPT);
        endBlock(start, length);
        if (interfaceCount == snaplens.length) {
            snaplens = Arrays.copyOf(snaplens, snaplens.length * 2);
        }
        snaplens[interfaceCount] = snaplen;
        return interfaceCount++;
    }

    /**
     * Appends an enhanced packet block. The frame's bytes {@code [offset, offset + capturedLength)} are copied (cut to
     * the interface's snaplen); the buffer's position and limit are not used or changed.
     *
     * @param interfaceId    an id returned by {@link #addInterface}
     * @param epochNanos     nanoseconds since 1970-01-01T00:00Z
     * @param originalLength the frame's length on the wire, at least {@code capturedLength}
     * @param direction      written as epb_flags unless UNKNOWN
     */
    public void writePacket(int interfaceId, long epochNanos, ByteBuffer frame, int offset, int capturedLength,
            int originalLength, Direction direction) throws IOException {
        ensureOpen();
        if (interfaceId < 0 || interfaceId >= interfaceCount) {
            throw new IllegalArgumentException("interface id " + interfaceId + " is not one of the "
                    + interfaceCount + " interfaces added");
        }
        if (capturedLength < 0 || originalLength < capturedLength) {
            throw new IllegalArgumentException("captured length " + capturedLength + " and original length "
                    + originalLength + " do not fit (0 <= captured <= original)");
        }
        int snaplen = snaplens[interfaceId];
        int kept = snaplen != 0 && capturedLength > snaplen ? snaplen : capturedLength;
        boolean flags = direction != Direction.UNKNOWN;
        int length = EPB_FIXED + Pcapng.pad4(kept) + (flags ? EPB_FLAGS_OPTION : 0) + TRAILER;
        reserve(length);
        int start = buffer.position();
        buffer.putInt(Pcapng.EPB).putInt(length).putInt(interfaceId);
        buffer.putInt((int) (epochNanos >>> 32)).putInt((int) epochNanos);
        buffer.putInt(kept).putInt(originalLength);
        buffer.put(buffer.position(), frame, offset, kept);
        buffer.position(buffer.position() + kept);
        padTo4(kept);
        if (flags) {
            buffer.putShort((short) Pcapng.EPB_FLAGS).putShort((short) 4).putInt(direction.flagBits());
            buffer.putInt(Pcapng.OPT_ENDOFOPT);
        }
        endBlock(start, length);
        packets++;
    }

    /** Hands everything written so far to the channel. */
    @Override
    public void flush() throws IOException {
        ensureOpen();
        drain();
    }

    /** Number of interfaces added. */
    public int interfaceCount() {
        return interfaceCount;
    }

    /** Number of packets written. */
    public long packetCount() {
        return packets;
    }

    /** Flushes and closes the channel; later calls do nothing. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            drain();
        } finally {
            channel.close();
        }
    }

    private void writeSectionHeader() {
        byte[] app = USER_APPLICATION.getBytes(StandardCharsets.US_ASCII);
        int length = 24 + 4 + Pcapng.pad4(app.length) + 4 + TRAILER;
        int start = buffer.position();
        buffer.putInt(Pcapng.SHB).putInt(length).putInt(Pcapng.BYTE_ORDER_MAGIC);
        buffer.putShort((short) Pcapng.MAJOR_VERSION).putShort((short) 0);
        buffer.putLong(-1L); // section length not known: the stream is written front to back
        putOption(Pcapng.SHB_USERAPPL, app);
        buffer.putInt(Pcapng.OPT_ENDOFOPT);
        endBlock(start, length);
    }

    private void putOption(int code, byte[] value) {
        buffer.putShort((short) code).putShort((short) value.length).put(value);
        padTo4(value.length);
    }

    /** Writes the trailing copy of the block length, after checking the block came out as long as announced. */
    private void endBlock(int start, int length) {
        if (buffer.position() != start + length - TRAILER) {
            throw new IllegalStateException("pcapng block of type " + buffer.getInt(start) + " is "
                    + (buffer.position() + TRAILER - start) + " bytes, announced " + length);
        }
        buffer.putInt(length);
    }

    private void padTo4(int written) {
        for (int i = written; (i & 3) != 0; i++) {
            buffer.put((byte) 0);
        }
    }

    /** Makes room for a block of {@code length} bytes: drains the buffer if needed, grows it for an outsize one. */
    private void reserve(int length) throws IOException {
        if (buffer.remaining() >= length) {
            return;
        }
        drain();
        if (buffer.capacity() < length) {
            buffer = ByteBuffer.allocateDirect(Integer.highestOneBit(length - 1) << 1).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    private void drain() throws IOException {
        buffer.flip();
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } finally {
            buffer.compact();
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("pcapng writer is closed");
        }
    }
}
