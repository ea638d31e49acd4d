package dev.lanyard.tools.pcapng;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads a pcapng stream front to back: section headers in either byte order, interface descriptions, enhanced,
 * simple and (obsolete) packet blocks; other blocks are skipped. For tests and {@code lanyard trace --read}, not for
 * a hot path: every packet is a new object with its own byte array.
 *
 * <p>Bad input ends in a {@link PcapngFormatException} naming the byte offset of the offending block. Every block
 * consumes at least 12 bytes of input, so no input makes the reader loop forever. The channel must be blocking.
 */
public final class PcapngReader implements Closeable, Iterable<PcapngPacket> {
    /** Largest block accepted; a corrupt length field must not make the reader allocate gigabytes. */
    public static final int MAX_BLOCK_LENGTH = 16 * 1024 * 1024;

    private static final int SHB_MIN_LENGTH = 28;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long DEFAULT_TICKS_PER_SECOND = 1_000_000L;

    private final ReadableByteChannel channel;
    private final ByteBuffer header = ByteBuffer.allocate(12);
    private final List<PcapngInterface> interfaces = new ArrayList<>();
    private ByteBuffer block = ByteBuffer.allocate(4096);
    private ByteOrder order;
    /** Stream offset of the next block's first byte. */
    private long offset;
    /** Stream offset of the block being parsed, for error messages. */
    private long blockAt;
    private int optPos;
    private int optEnd;
    private int optCode;
    private int optAt;
    private int optLength;

    /** A reader over a channel, which {@link #close()} closes. */
    public PcapngReader(ReadableByteChannel channel) {
        if (channel == null) {
            throw new IllegalArgumentException("channel is null");
        }
        this.channel = channel;
    }

    /** A reader of a file. */
    public static PcapngReader open(Path file) throws IOException {
        return new PcapngReader(FileChannel.open(file));
    }

    /** The interfaces of the current section read so far, by id. */
    public List<PcapngInterface> interfaces() {
        return Collections.unmodifiableList(interfaces);
    }

    /** The next packet, or null at the end of the stream. */
    public PcapngPacket read() throws IOException {
        while (true) {
            blockAt = offset;
            header.clear().limit(8);
            int got = readFully(header);
            if (got == 0) {
                return null;
            }
            if (got < 8) {
                throw error("the stream ends inside a block header (" + got + " of 8 bytes)");
            }
            if (header.getInt(0) == Pcapng.SHB) {
                beginSection();
                continue;
            }
            if (order == null) {
                throw notPcapng(header.order(ByteOrder.BIG_ENDIAN).getInt(0));
            }
            header.order(order);
            int type = header.getInt(0);
            int length = header.getInt(4);
            checkLength(type, length, 12);
            readBlock(type, length, 8);
            int bodyLength = length - 12;
            switch (type) {
                case Pcapng.IDB:
                    addInterface(bodyLength);
                    break;
                case Pcapng.EPB:
                    return packet(bodyLength, false);
                case Pcapng.OPB:
                    return packet(bodyLength, true);
                case Pcapng.SPB:
                    return simplePacket(bodyLength);
                default:
                    break;
            }
        }
    }

    /** Iterates the remaining packets; read errors surface as {@link UncheckedIOException}. Single use. */
    @Override
    public Iterator<PcapngPacket> iterator() {
        return new Iterator<>() {
            private PcapngPacket next;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next == null && !done) {
                    try {
                        next = read();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    done = next == null;
                }
                return next != null;
            }

            @Override
            public PcapngPacket next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("no more packets");
                }
                PcapngPacket packet = next;
                next = null;
                return packet;
            }
        };
    }

    /** Closes the channel. */
    @Override
    public void close() throws IOException {
        channel.close();
    }

    private void beginSection() throws IOException {
        header.limit(12);
        if (readFully(header) < 4) {
            throw error("the stream ends inside a section header block");
        }
        int magic = header.order(ByteOrder.BIG_ENDIAN).getInt(8);
        if (magic == Pcapng.BYTE_ORDER_MAGIC) {
            order = ByteOrder.BIG_ENDIAN;
        } else if (magic == Pcapng.BYTE_ORDER_MAGIC_SWAPPED) {
            order = ByteOrder.LITTLE_ENDIAN;
        } else {
            throw error(String.format("bad byte-order magic 0x%08x in the section header (want 0x1a2b3c4d)", magic));
        }
        int length = header.order(order).getInt(4);
        checkLength(Pcapng.SHB, length, SHB_MIN_LENGTH);
        readBlock(Pcapng.SHB, length, 12);
        int major = block.getShort(0) & 0xFFFF;
        int minor = block.getShort(2) & 0xFFFF;
        if (major != Pcapng.MAJOR_VERSION) {
            throw error("pcapng version " + major + "." + minor + " is not supported (only 1.x)");
        }
        interfaces.clear();
    }

    private void addInterface(int bodyLength) throws PcapngFormatException {
        if (bodyLength < 8) {
            throw error("interface description block body is " + bodyLength + " bytes, below 8");
        }
        int linkType = block.getShort(0) & 0xFFFF;
        long snaplen = block.getInt(4) & 0xFFFFFFFFL;
        String name = "";
        long ticks = DEFAULT_TICKS_PER_SECOND;
        long tsOffset = 0;
        startOptions(8, bodyLength);
        while (nextOption()) {
            switch (optCode) {
                case Pcapng.IF_NAME:
                    name = new String(block.array(), optAt, optLength, StandardCharsets.UTF_8).replace("\0", "");
                    break;
                case Pcapng.IF_TSRESOL:
                    ticks = ticksPerSecond();
                    break;
                case Pcapng.IF_TSOFFSET:
                    requireOptionLength(8, "if_tsoffset");
                    tsOffset = block.getLong(optAt);
                    break;
                default:
                    break;
            }
        }
        interfaces.add(new PcapngInterface(interfaces.size(), name, linkType,
                (int) Math.min(snaplen, Integer.MAX_VALUE), ticks, tsOffset));
    }

    private long ticksPerSecond() throws PcapngFormatException {
        requireOptionLength(1, "if_tsresol");
        int value = block.get(optAt) & 0xFF;
        int exponent = value & 0x7F;
        if ((value & 0x80) != 0) {
            if (exponent > 62) {
                throw error("if_tsresol 2^-" + exponent + " is finer than this reader supports (2^-62)");
            }
            return 1L << exponent;
        }
        if (exponent > 18) {
            throw error("if_tsresol 10^-" + exponent + " is finer than this reader supports (10^-18)");
        }
        long ticks = 1;
        for (int i = 0; i < exponent; i++) {
            ticks *= 10;
        }
        return ticks;
    }

    /** An enhanced packet block, or with {@code obsolete} a Packet Block (16-bit interface id, then drop count). */
    private PcapngPacket packet(int bodyLength, boolean obsolete) throws PcapngFormatException {
        if (bodyLength < 20) {
            throw error("packet block body is " + bodyLength + " bytes, below 20");
        }
        long interfaceId = obsolete ? block.getShort(0) & 0xFFFF : block.getInt(0) & 0xFFFFFFFFL;
        PcapngInterface iface = interfaceOf(interfaceId);
        long ticks = (long) block.getInt(4) << 32 | block.getInt(8) & 0xFFFFFFFFL;
        long captured = block.getInt(12) & 0xFFFFFFFFL;
        long original = block.getInt(16) & 0xFFFFFFFFL;
        if (captured > bodyLength - 20) {
            throw error("captured length " + captured + " runs past the end of the block ("
                    + (bodyLength - 20) + " bytes of data)");
        }
        if (original > Integer.MAX_VALUE) {
            throw error("original length " + original + " is too large");
        }
        Direction direction = Direction.UNKNOWN;
        startOptions(20 + Pcapng.pad4((int) captured), bodyLength);
        while (nextOption()) {
            if (optCode == Pcapng.EPB_FLAGS) {
                requireOptionLength(4, "epb_flags");
                direction = Direction.fromFlags(block.getInt(optAt));
            }
        }
        byte[] data = new byte[(int) captured];
        block.get(20, data);
        return new PcapngPacket(iface.id(), iface.name(), epochNanos(iface, ticks), direction, (int) original, data);
    }

    private PcapngPacket simplePacket(int bodyLength) throws PcapngFormatException {
        if (bodyLength < 4) {
            throw error("simple packet block body is " + bodyLength + " bytes, below 4");
        }
        PcapngInterface iface = interfaceOf(0);
        long original = block.getInt(0) & 0xFFFFFFFFL;
        if (original > Integer.MAX_VALUE) {
            throw error("original length " + original + " is too large");
        }
        int captured = (int) Math.min(original, bodyLength - 4);
        if (iface.snaplen() != 0) {
            captured = Math.min(captured, iface.snaplen());
        }
        byte[] data = new byte[captured];
        block.get(4, data);
        return new PcapngPacket(0, iface.name(), 0, Direction.UNKNOWN, (int) original, data);
    }

    private PcapngInterface interfaceOf(long id) throws PcapngFormatException {
        if (id >= interfaces.size()) {
            throw error("packet refers to interface " + id + " but the section describes "
                    + interfaces.size() + " interface(s)");
        }
        return interfaces.get((int) id);
    }

    /** Converts ticks of the interface's resolution (an unsigned 64-bit count) to epoch nanoseconds. */
    private long epochNanos(PcapngInterface iface, long ticks) throws PcapngFormatException {
        long perSecond = iface.ticksPerSecond();
        long seconds = Long.divideUnsigned(ticks, perSecond);
        long rest = Long.remainderUnsigned(ticks, perSecond);
        if (seconds < 0) {
            throw error("timestamp " + Long.toUnsignedString(ticks) + " does not fit in 64-bit epoch nanoseconds");
        }
        long fraction;
        if (perSecond <= NANOS_PER_SECOND && NANOS_PER_SECOND % perSecond == 0) {
            fraction = rest * (NANOS_PER_SECOND / perSecond);
        } else if (perSecond < (1L << 33)) {
            fraction = rest * NANOS_PER_SECOND / perSecond;
        } else {
            fraction = BigInteger.valueOf(rest).multiply(BigInteger.valueOf(NANOS_PER_SECOND))
                    .divide(BigInteger.valueOf(perSecond)).longValue();
        }
        try {
            return Math.addExact(Math.multiplyExact(Math.addExact(seconds, iface.offsetSeconds()),
                    NANOS_PER_SECOND), fraction);
        } catch (ArithmeticException e) {
            throw error("timestamp " + Long.toUnsignedString(ticks) + " does not fit in 64-bit epoch nanoseconds");
        }
    }

    private void startOptions(int from, int end) {
        optPos = from;
        optEnd = end;
    }

    /** Steps to the next option of the current block; false at opt_endofopt or the end of the block. */
    private boolean nextOption() throws PcapngFormatException {
        if (optPos + 4 > optEnd) {
            return false;
        }
        optCode = block.getShort(optPos) & 0xFFFF;
        optLength = block.getShort(optPos + 2) & 0xFFFF;
        if (optCode == Pcapng.OPT_ENDOFOPT) {
            return false;
        }
        optAt = optPos + 4;
        if (optLength > optEnd - optAt) {
            throw error("option " + optCode + " of " + optLength + " bytes runs past the end of the block");
        }
        optPos = optAt + Pcapng.pad4(optLength);
        return true;
    }

    private void requireOptionLength(int min, String name) throws PcapngFormatException {
        if (optLength < min) {
            throw error(name + " option is " + optLength + " bytes, below " + min);
        }
    }

    private void checkLength(int type, int length, int min) throws PcapngFormatException {
        if (length < min || length > MAX_BLOCK_LENGTH || (length & 3) != 0) {
            throw error(String.format("block type 0x%08x has total length %d (must be a multiple of 4 from %d to %d)",
                    type, Integer.toUnsignedLong(length), min, MAX_BLOCK_LENGTH));
        }
    }

    /**
     * Reads the rest of a block of {@code length} bytes, of which {@code consumed} are read already, leaving its body
     * (the bytes after the 8-byte header, or after the byte-order magic for a section header) at index 0 of
     * {@link #block}, and checks the trailing copy of the length.
     */
    private void readBlock(int type, int length, int consumed) throws IOException {
        int rest = length - consumed;
        if (block.capacity() < rest) {
            block = ByteBuffer.allocate(Integer.highestOneBit(rest - 1) << 1);
        }
        block.clear().limit(rest);
        block.order(order);
        int got = readFully(block);
        if (got < rest) {
            throw error(String.format("block type 0x%08x of %d bytes is truncated: the stream ends after %d",
                    type, length, consumed + got));
        }
        int trailer = block.getInt(rest - 4);
        if (trailer != length) {
            throw error(String.format("block type 0x%08x: total length %d at the start but %d at the end",
                    type, length, Integer.toUnsignedLong(trailer)));
        }
        offset += length;
    }

    private int readFully(ByteBuffer dst) throws IOException {
        int total = 0;
        while (dst.hasRemaining()) {
            int n = channel.read(dst);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private PcapngFormatException notPcapng(int firstWord) {
        boolean pcap = firstWord == 0xA1B2C3D4 || firstWord == 0xD4C3B2A1 || firstWord == 0xA1B23C4D
                || firstWord == 0x4D3CB2A1;
        return error(String.format("not a pcapng stream: it starts with bytes %02x %02x %02x %02x%s, not a section "
                + "header block", firstWord >>> 24, firstWord >>> 16 & 0xFF, firstWord >>> 8 & 0xFF, firstWord & 0xFF,
                pcap ? " (a classic pcap file)" : ""));
    }

    private PcapngFormatException error(String what) {
        return new PcapngFormatException("pcapng block at byte " + blockAt + ": " + what);
    }
}
