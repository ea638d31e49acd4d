package dev.lanyard.dataplane.fdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lanyard.dataplane.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Many threads learning, looking up, flushing and ageing one table at once. Ports encode their key (port % 16 ==
 * key % 16) so that a value read under the wrong key shows up as a torn entry.
 */
class MacTableConcurrencyTest {
    private static final int THREADS = 4;
    private static final int PORTS = 64;
    private static final long OWNED_BASE = 0x0200_0000_0000L;
    private static final long SHARED_BASE = 0x0600_0000_0000L;
    private static final long CHURN_BASE = 0x0A00_0000_0000L;
    private static final int OWNED_PER_THREAD = 200;
    private static final int SHARED = 256;
    private static final int CAPACITY = 2048;
    private static final int CHURN_VLAN = 3;

    private static int portFor(long mac, int variant) {
        return (int) (mac % 16) + 16 * (variant & 3);
    }

    @Test
    void noLostUpdatesNoTornEntriesNoOverflowUnderContention() throws Exception {
        MacTable t = new MacTable(CAPACITY, PORTS, 11);
        t.agingMillis(0);
        for (int th = 0; th < THREADS; th++) {
            for (int k = 0; k < OWNED_PER_THREAD; k++) {
                long mac = OWNED_BASE + th * 1000L + k;
                assertEquals(LearnResult.NEW, t.learn(1, mac, portFor(mac, 0), 0, 0));
            }
        }
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicLong ops = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int th = 0; th < THREADS; th++) {
            int id = th;
            threads.add(new Thread(() -> {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                long churn = CHURN_BASE + id * 100_000_000L;
                int variant = 0;
                long n = 0;
                while (!stop.get()) {
                    variant++;
                    long own = OWNED_BASE + id * 1000L + rnd.nextInt(OWNED_PER_THREAD);
                    int port = portFor(own, variant);
                    int r = t.learn(1, own, port, n, 0);
                    if (r != LearnResult.MOVED && r != LearnResult.UNCHANGED && r != LearnResult.REFRESHED) {
                        failures.add("owned key learn returned " + LearnResult.label(r));
                    }
                    long v = t.lookup(1, own);
                    if (MacTable.portOf(v) != port || v == 0) {
                        failures.add("lost update: learned port " + port + ", read " + MacTable.portOf(v));
                    }
                    long shared = SHARED_BASE + rnd.nextInt(SHARED);
                    t.learn(2, shared, portFor(shared, rnd.nextInt(4)), n, 0);
                    long sv = t.lookup(2, shared);
                    if (sv != 0 && MacTable.portOf(sv) % 16 != shared % 16) {
                        failures.add("torn entry: key " + shared + " read port " + MacTable.portOf(sv));
                    }
                    t.learn(CHURN_VLAN, churn++, portFor(churn, 0), n, 0);
                    n++;
                }
                ops.addAndGet(n);
            }));
        }
        Thread flusher = new Thread(() -> {
            while (!stop.get()) {
                t.flush(Filter.vlan(CHURN_VLAN));
                Thread.yield();
            }
        });
        Thread watcher = new Thread(() -> {
            while (!stop.get()) {
                int size = t.size();
                if (size > CAPACITY) {
                    failures.add("size " + size + " above capacity " + CAPACITY);
                }
            }
        });
        threads.add(flusher);
        threads.add(watcher);
        threads.forEach(Thread::start);
        Thread.sleep(2_000);
        stop.set(true);
        for (Thread th : threads) {
            th.join();
        }
        assertTrue(failures.isEmpty(), () -> failures.size() + " failures, first: " + failures.peek());
        assertTrue(ops.get() > 10_000, "the threads made progress: " + ops.get());
        assertNoDuplicatesAndConsistentCounts(t);
    }

    @Test
    void racingInsertsOfTheSameNewKeysLeaveOneCopyEach() throws Exception {
        for (int round = 0; round < 50; round++) {
            MacTable t = new MacTable(512, PORTS, round);
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Thread> threads = new ArrayList<>();
            for (int th = 0; th < THREADS; th++) {
                int id = th;
                threads.add(new Thread(() -> {
                    try {
                        start.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    for (int k = 0; k < 200; k++) {
                        long mac = OWNED_BASE + k;
                        t.learn(0, mac, portFor(mac, id), 0, 0);
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (Thread th : threads) {
                th.join();
            }
            assertEquals(200, t.size());
            for (int k = 0; k < 200; k++) {
                assertNotEquals(0, t.lookup(0, OWNED_BASE + k), "key " + k + " learned");
            }
            assertNoDuplicatesAndConsistentCounts(t);
        }
    }

    @Test
    void agingRemovesColdEntriesAndNeverHotOnesUnderLoad() throws Exception {
        MacTable t = new MacTable(4096, PORTS, 5);
        t.agingMillis(400);
        long now = Clock.millis();
        for (int k = 0; k < 500; k++) {
            t.learn(0, CHURN_BASE + k, 1, now, 0);
        }
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int th = 0; th < 2; th++) {
            int id = th;
            threads.add(new Thread(() -> {
                while (!stop.get()) {
                    for (int k = 0; k < 100; k++) {
                        long mac = OWNED_BASE + id * 1000L + k;
                        long at = Clock.millis();
                        t.learn(0, mac, 2, at, 0);
                        long v = t.lookup(0, mac);
                        if (v == 0 || t.isStale(v, at)) {
                            failures.add("hot entry " + mac + " missing or stale");
                        }
                    }
                }
            }));
        }
        threads.add(new Thread(() -> {
            while (!stop.get()) {
                t.age(Clock.millis());
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }));
        threads.forEach(Thread::start);
        Thread.sleep(1_200);
        stop.set(true);
        for (Thread th : threads) {
            th.join();
        }
        assertTrue(failures.isEmpty(), () -> failures.size() + " failures, first: " + failures.peek());
        for (int k = 0; k < 500; k++) {
            if (t.lookup(0, CHURN_BASE + k) != 0) {
                fail("cold entry " + k + " did not age out");
            }
        }
        assertEquals(200, t.size());
        assertEquals(0, t.learnedOn(1));
        assertEquals(200, t.learnedOn(2));
    }

    private static void assertNoDuplicatesAndConsistentCounts(MacTable t) {
        Map<Long, Integer> copies = new HashMap<>();
        int[] perPort = new int[PORTS];
        t.forEach((vid, mac, v) -> {
            copies.merge(((long) vid << 48) | mac, 1, Integer::sum);
            perPort[MacTable.portOf(v)]++;
        });
        copies.forEach((k, n) -> assertEquals(1, n, "copies of key " + Long.toHexString(k)));
        assertEquals(copies.size(), t.size(), "size matches the live entries");
        for (int p = 0; p < PORTS; p++) {
            assertEquals(perPort[p], t.learnedOn(p), "learned count of port " + p);
        }
    }
}
