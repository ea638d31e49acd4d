package dev.lanyard.bench.e2e.probe;

import dev.lanyard.bench.e2e.system.TestPath;
import dev.lanyard.dataplane.linux.NetnsExec;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Round-trip latency by a UDP ping-pong of our own: an echo socket in the receiver's namespace, a client in the
 * sender's, one datagram outstanding at a time, each timed with {@link System#nanoTime()} into an HdrHistogram at
 * nanosecond resolution. Both run on threads of this JVM (pinned with it to the hosts' core); a datagram the
 * network loses is sent again by a watchdog after {@value #RESEND_MS} ms and its round trip is counted as lost,
 * not measured.
 */
public final class LatencyProbe {
    /** The echo port in the receiver's namespace. */
    public static final int PORT = 7007;
    static final long RESEND_MS = 200;
    /** Resends of one datagram after which the path is declared dead. */
    static final int MAX_RESENDS = 10;
    private static final int PAYLOAD = 32;
    private static final long MAX_NANOS = 10_000_000_000L;

    /**
     * The outcome.
     *
     * @param histogram round trips in nanoseconds
     * @param lost      round trips that needed a resend
     */
    public record Result(Histogram histogram, long lost) {
        /** A percentile in microseconds. */
        public double percentileUs(double percentile) {
            return histogram.getValueAtPercentile(percentile) / 1000.0;
        }

        /** The largest round trip in microseconds. */
        public double maxUs() {
            return histogram.getMaxValue() / 1000.0;
        }
    }

    private LatencyProbe() {
    }

    /** Runs {@code warmup} unrecorded round trips, then {@code samples} recorded ones, across {@code path}. */
    public static Result run(TestPath path, int warmup, int samples) throws IOException, InterruptedException {
        DatagramChannel echo = NetnsExec.call(NetnsExec.pathOf(path.dstNs()), () -> {
            DatagramChannel ch = DatagramChannel.open();
            ch.bind(new InetSocketAddress(path.dstIp(), PORT));
            return ch;
        });
        try (echo) {
            Thread echoer = new Thread(() -> echoLoop(echo), "udp-echo");
            echoer.setDaemon(true);
            echoer.start();
            DatagramChannel client = NetnsExec.call(NetnsExec.pathOf(path.srcNs()), () -> {
                DatagramChannel ch = DatagramChannel.open();
                ch.bind(new InetSocketAddress(path.srcIp(), 0));
                ch.connect(new InetSocketAddress(path.dstIp(), PORT));
                return ch;
            });
            try (client) {
                return pingPong(client, path.dstIp() + ":" + PORT, warmup, samples);
            } finally {
                echo.close();
                echoer.join(2000);
            }
        }
    }

    private static void echoLoop(DatagramChannel ch) {
        ByteBuffer buf = ByteBuffer.allocateDirect(2048);
        try {
            while (true) {
                buf.clear();
                SocketAddress from = ch.receive(buf);
                buf.flip();
                ch.send(buf, from);
            }
        } catch (ClosedChannelException e) {
            // Closed by run(): the test is over.
            return;
        } catch (IOException e) {
            // A send error ends the echo; the client sees the loss and resends.
            return;
        }
    }

    private static Result pingPong(DatagramChannel client, String peer, int warmup, int samples) throws IOException,
            InterruptedException {
        Histogram h = new Histogram(MAX_NANOS, 3);
        ByteBuffer out = ByteBuffer.allocateDirect(PAYLOAD);
        ByteBuffer in = ByteBuffer.allocateDirect(2048);
        AtomicLong outstanding = new AtomicLong(-1);
        AtomicLong sentAt = new AtomicLong();
        AtomicLong resent = new AtomicLong();
        Thread watchdog = new Thread(() -> resendLoop(client, outstanding, sentAt, resent), "udp-resend");
        watchdog.setDaemon(true);
        watchdog.start();
        long lost = 0;
        try {
            for (long seq = 0; seq < warmup + samples; seq++) {
                out.clear();
                out.putLong(seq);
                while (out.hasRemaining()) {
                    out.put((byte) 0);
                }
                out.flip();
                long resentBefore = resent.get();
                long t0 = System.nanoTime();
                sentAt.set(t0);
                outstanding.set(seq);
                try {
                    client.write(out);
                    while (true) {
                        in.clear();
                        client.read(in);
                        if (in.position() >= Long.BYTES && in.getLong(0) == seq) {
                            break;
                        }
                    }
                } catch (ClosedChannelException e) {
                    throw new IOException("no UDP echo from " + peer + " for datagram " + seq
                            + " after " + MAX_RESENDS + " resends", e);
                }
                long rtt = System.nanoTime() - t0;
                outstanding.set(-1);
                if (resent.get() != resentBefore) {
                    lost++;
                } else if (seq >= warmup) {
                    h.recordValue(Math.min(rtt, MAX_NANOS));
                }
            }
        } finally {
            outstanding.set(-2);
            watchdog.interrupt();
            watchdog.join(1000);
        }
        return new Result(h, lost);
    }

    /** Sends the outstanding datagram again when it has been out longer than RESEND_MS. */
    private static void resendLoop(DatagramChannel client, AtomicLong outstanding, AtomicLong sentAt,
                                   AtomicLong resent) {
        ByteBuffer again = ByteBuffer.allocateDirect(PAYLOAD);
        long lastSeq = -1;
        int times = 0;
        try {
            while (outstanding.get() != -2) {
                Thread.sleep(RESEND_MS / 4);
                long seq = outstanding.get();
                if (seq >= 0 && System.nanoTime() - sentAt.get() > RESEND_MS * 1_000_000) {
                    times = seq == lastSeq ? times + 1 : 1;
                    lastSeq = seq;
                    if (times > MAX_RESENDS) {
                        client.close();
                        return;
                    }
                    again.clear();
                    again.putLong(seq);
                    while (again.hasRemaining()) {
                        again.put((byte) 0);
                    }
                    again.flip();
                    resent.incrementAndGet();
                    sentAt.set(System.nanoTime());
                    client.write(again);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client was closed: the test is over.
            return;
        }
    }
}
