package dev.lanyard.dataplane.tap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The single-producer, single-consumer ring of frame copies. */
class CaptureRingTest {
    private static ByteBuffer frame(int length, int seed) {
        ByteBuffer b = ByteBuffer.allocate(length);
        for (int i = 0; i < length; i++) {
            b.put(i, (byte) (seed + i));
        }
        return b;
    }

    private static boolean offer(CaptureRing ring, int length, int seed) {
        return ring.offer(frame(length, seed), 0, length, length, seed & 0xFFFF, TapDirection.RX, seed, false);
    }

    @Test
    void nothingIsVisibleBeforePublishAndEverythingAfter() {
        CaptureRing ring = new CaptureRing(4096, 100);
        CapturedFrame view = new CapturedFrame();
        assertTrue(offer(ring, 60, 1));
        assertFalse(ring.peek(view));
        ring.publish(0);
        assertTrue(ring.peek(view));
        assertEquals(1, view.port());
        assertEquals(60, view.capturedLength());
        assertEquals(1, view.epochNanos());
        assertArrayEquals(frame(60, 1).array(), view.toArray());
        assertTrue(ring.peek(view), "peek again shows the same frame");
        assertEquals(1, view.port());
        ring.advance();
        assertFalse(ring.peek(view));
    }

    @Test
    void wrapsAroundWithoutLosingOrTearingFrames() {
        CaptureRing ring = new CaptureRing(4096, 1000);
        CapturedFrame view = new CapturedFrame();
        int next = 0;
        int expected = 0;
        for (int round = 0; round < 200; round++) {
            for (int k = 0; k < 3; k++) {
                int length = 60 + (next * 37) % 700;
                assertTrue(offer(ring, length, next), "frame " + next);
                next++;
            }
            ring.publish(0);
            while (ring.peek(view)) {
                int length = 60 + (expected * 37) % 700;
                assertEquals(length, view.capturedLength());
                assertArrayEquals(frame(length, expected).array(), view.toArray(), "frame " + expected);
                ring.advance();
                expected++;
            }
            ring.release();
        }
        assertEquals(600, expected);
        assertEquals(600, ring.frames());
        assertEquals(0, ring.drops());
    }

    @Test
    void aFullRingDropsAndCountsUntilTheReaderReleases() {
        CaptureRing ring = new CaptureRing(4096, 1000);
        int accepted = 0;
        for (int k = 0; k < 10; k++) {
            if (offer(ring, 1000, k)) {
                accepted++;
            }
        }
        assertEquals(4, accepted, "4 records of 1024 bytes fill 4096");
        assertEquals(6, ring.drops());
        ring.publish(0);
        CapturedFrame view = new CapturedFrame();
        assertTrue(ring.peek(view));
        ring.advance();
        assertFalse(offer(ring, 1000, 99), "room is only given back on release");
        ring.release();
        assertTrue(offer(ring, 1000, 99));
        assertEquals(7, ring.drops());
    }

    @Test
    void theFrameCountBoundsTheRingToo() {
        CaptureRing ring = new CaptureRing(1 << 16, 3);
        for (int k = 0; k < 5; k++) {
            offer(ring, 60, k);
        }
        assertEquals(3, ring.frames());
        assertEquals(2, ring.drops());
    }

    @Test
    void aFrameLargerThanTheRingIsDropped() {
        CaptureRing ring = new CaptureRing(4096, 10);
        assertFalse(offer(ring, 5000, 1));
        assertEquals(1, ring.drops());
    }

    @Test
    void sentFramesGetTheKickTimeWhenPublished() {
        CaptureRing ring = new CaptureRing(4096, 10);
        ring.offer(frame(60, 0), 0, 60, 60, 1, TapDirection.RX, 111, false);
        ring.offer(frame(60, 0), 0, 60, 60, 2, TapDirection.TX, 0, true);
        ring.publish(999);
        CapturedFrame view = new CapturedFrame();
        assertTrue(ring.peek(view));
        assertEquals(111, view.epochNanos());
        ring.advance();
        assertTrue(ring.peek(view));
        assertEquals(TapDirection.TX, view.direction());
        assertEquals(999, view.epochNanos());
    }

    @Test
    void advanceWithoutPeekIsAnError() {
        assertThrows(IllegalStateException.class, () -> new CaptureRing(4096, 10).advance());
    }

    @Test
    void aProducerAndAConsumerOnTwoThreadsPassEveryFrameInOrderAndCountEveryRefusal() throws Exception {
        CaptureRing ring = new CaptureRing(1 << 20, 1 << 16);
        AtomicLong refused = new AtomicLong();
        AtomicBoolean stopProducing = new AtomicBoolean();
        AtomicBoolean producerDone = new AtomicBoolean();
        AtomicLong consumed = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread producer = new Thread(() -> {
            ByteBuffer src = ByteBuffer.allocateDirect(1600);
            long seq = 0;
            while (!stopProducing.get()) {
                for (int k = 0; k < 32; k++) {
                    int length = 60 + (int) (seq % 1400);
                    src.putLong(0, seq);
                    src.put(length - 1, (byte) seq);
                    if (ring.offer(src, 0, length, length, 0, TapDirection.RX, seq, false)) {
                        seq++;
                    } else {
                        // The reader fell behind (a loaded machine): the frame is counted as dropped; offer it
                        // again, so that the reader must still see every sequence number in order.
                        refused.incrementAndGet();
                        ring.publish(0);
                        LockSupport.parkNanos(100_000);
                    }
                }
                ring.publish(0);
                // A worker's bursts come at most as fast as frames arrive: leave the reader its share of 2 cores.
                LockSupport.parkNanos(20_000);
            }
            producerDone.set(true);
        });
        Thread consumer = new Thread(() -> {
            CapturedFrame view = new CapturedFrame();
            long expected = 0;
            try {
                boolean last = false;
                while (!last) {
                    last = producerDone.get();
                    int n = 0;
                    while (ring.peek(view)) {
                        long seq = view.buffer().getLong(view.offset());
                        if (seq != expected || view.epochNanos() != expected
                                || view.capturedLength() != 60 + (int) (expected % 1400)
                                || view.buffer().get(view.offset() + view.capturedLength() - 1) != (byte) expected) {
                            throw new AssertionError("frame " + expected + " came as " + seq);
                        }
                        ring.advance();
                        expected++;
                        if (++n % 64 == 0) {
                            ring.release();
                        }
                    }
                    ring.release();
                }
            } catch (Throwable t) {
                failure.set(t);
            }
            consumed.set(expected);
        });
        consumer.start();
        producer.start();
        Thread.sleep(2_000);
        stopProducing.set(true);
        producer.join(5_000);
        consumer.join(5_000);
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertTrue(consumed.get() > 10_000, "consumed " + consumed.get());
        assertEquals(ring.frames(), consumed.get());
        assertEquals(refused.get(), ring.drops(), "every refused offer is counted as a drop, and nothing else");
    }
}
