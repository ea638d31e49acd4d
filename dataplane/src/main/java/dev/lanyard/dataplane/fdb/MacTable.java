package dev.lanyard.dataplane.fdb;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The forwarding database: (VLAN, MAC) to (port, last seen), shared by every worker.
 *
 * <p>Fixed capacity, chosen at start; memory never grows. Lookups are wait-free: they read at most 16 slots and
 * never retry. Learning is lock-free: workers claim and update slots with CAS, and a learner that loses a race
 * retries a bounded number of times, each failure meaning another thread made progress. Removal (aging, flush)
 * runs on control threads with the same CAS protocol, so it never stalls a worker.
 *
 * <p>Layout: a key hashes (with a random per-table seed, so that nobody can aim a MAC flood at one bucket) to two
 * buckets of 4 slots; a bucket is one 64-byte cache line of 4 (key, value) pairs, so a lookup that hits in the first
 * bucket (91% of keys) costs one memory access. There are 4 slots per entry of capacity (64 bytes), which keeps
 * buckets from overflowing: filling the first bucket up to 2 and then the less loaded of the two never refused an
 * insert below capacity in simulation up to 4M entries.
 * <pre>
 *   key word:   [63..61 state][60 0][59..48 VID][47..0 MAC]      state: EMPTY 0, PENDING, LIVE, KILLED, DEAD
 *   value word: [63..32 last seen, ms, wraps][31..20 generation][19 VALID][18 0][17 REMOVING][16 STATIC][15..0 port]
 * </pre>
 * A slot is claimed by CAS of its key from EMPTY or DEAD to PENDING(key); its value is written while pending and
 * then published by CAS to LIVE(key). A reader trusts a value only between two reads of LIVE(key), so it never sees
 * a torn entry. Two threads inserting the same new key both claim, then look at the other candidates: a LIVE copy or
 * a lower-ranked PENDING copy makes a claimer give way, and a claimer kills higher-ranked pending copies (PENDING to
 * KILLED) so that at most one copy is ever published. Removal marks the value REMOVING first (so concurrent updates
 * fail their CAS), then turns the key DEAD. Each claim bumps the slot's generation: no stale CAS hits a new tenant.
 */
public final class MacTable {
    /** Default capacity, as the issue asks: 64K entries. */
    public static final int DEFAULT_CAPACITY = 65_536;
    /** Largest capacity accepted. */
    public static final int MAX_CAPACITY = 16 * 1024 * 1024;
    /** The kernel bridge's default ageing time. */
    public static final long DEFAULT_AGING_MILLIS = 300_000;
    /**
     * A known entry on the same port is rewritten at most this often (or a quarter of the ageing time if that is
     * shorter), so that hot entries stay read-only and their cache lines stay shared between cores.
     */
    public static final long REFRESH_MILLIS = 1_000;
    /** Largest port index an entry can hold. */
    public static final int MAX_PORT = 0xFFFF;

    static final long STATE_PENDING = 1L << 61;
    static final long STATE_LIVE = 2L << 61;
    static final long STATE_KILLED = 3L << 61;
    static final long STATE_DEAD = 4L << 61;
    static final long STATE_MASK = 7L << 61;
    static final long KEY_MASK = (1L << 60) - 1;

    static final long PORT_MASK = 0xFFFF;
    static final long STATIC = 1L << 16;
    static final long REMOVING = 1L << 17;
    static final long VALID = 1L << 19;
    static final int GEN_SHIFT = 20;
    static final long GEN_MASK = 0xFFFL << GEN_SHIFT;
    static final int TIME_SHIFT = 32;

    static final int SLOTS = 4;
    static final int BUCKET_LONGS = 2 * SLOTS;
    /**
     * Longs before the first bucket. A long[] keeps its elements 16 bytes after the object's start, and G1 starts an
     * array bigger than half a region on a region boundary: 6 longs put every 64-byte bucket on one cache line.
     */
    static final int BASE = 6;
    private static final int SLOTS_PER_ENTRY = 4;
    private static final int MAX_ATTEMPTS = 8;
    private static final int FIRST_BUCKET_FILL = 2;
    private static final VarHandle TABLE = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] table;
    private final int bucketMask;
    private final int capacity;
    private final long seed;
    private final Counters counts;
    private final AtomicIntegerArray perPort;
    private volatile long agingMillis = DEFAULT_AGING_MILLIS;
    private long refreshMillis = REFRESH_MILLIS;

    /** A table for {@code capacity} entries and ports 0 to {@code maxPorts - 1}. */
    public MacTable(int capacity, int maxPorts) {
        this(capacity, maxPorts, new SecureRandom().nextLong());
    }

    /** A table with a fixed hash seed, for reproducible tests and benchmarks. */
    public MacTable(int capacity, int maxPorts, long seed) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("MAC table capacity must be between 1 and " + MAX_CAPACITY
                    + ", not " + capacity);
        }
        if (maxPorts < 1 || maxPorts > MAX_PORT + 1) {
            throw new IllegalArgumentException("maxPorts must be between 1 and " + (MAX_PORT + 1));
        }
        int slots = Math.max(2 * SLOTS, Integer.highestOneBit(Math.max(1, SLOTS_PER_ENTRY * capacity - 1)) << 1);
        int buckets = slots / SLOTS;
        this.table = new long[BASE + buckets * BUCKET_LONGS];
        this.bucketMask = buckets - 1;
        this.capacity = capacity;
        this.seed = seed;
        this.counts = new Counters();
        this.perPort = new AtomicIntegerArray(maxPorts);
    }

    /** Entries the table holds at most. */
    public int capacity() {
        return capacity;
    }

    /** Entries it holds now. */
    public int size() {
        return counts.size();
    }

    /** Dynamic (learned) entries on a port now. */
    public int learnedOn(int port) {
        return perPort.get(port);
    }

    /** Ports the table can hold entries for. */
    public int maxPorts() {
        return perPort.length();
    }

    /** Ageing time in milliseconds; 0 means entries never age. */
    public long agingMillis() {
        return agingMillis;
    }

    /** Sets the ageing time; 0 disables ageing. */
    public void agingMillis(long millis) {
        if (millis < 0 || millis > 1_000_000_000L) {
            throw new IllegalArgumentException("ageing time must be between 0 and 1000000 s, not " + millis + " ms");
        }
        this.refreshMillis = millis == 0 ? REFRESH_MILLIS : Math.min(REFRESH_MILLIS, Math.max(1, millis / 4));
        this.agingMillis = millis;
    }

    // ---------------------------------------------------------------- lookup

    /**
     * The value word of the live entry for (vid, mac), or 0 when there is none. Wait-free. Decode it with
     * {@link #portOf}, {@link #isStatic}, {@link #ageOf}.
     */
    public long lookup(int vid, long mac) {
        long key = key(vid, mac);
        long h = hash(key);
        long v = probe(bucket1(h), STATE_LIVE | key);
        return v != 0 ? v : probe(bucket2(h), STATE_LIVE | key);
    }

    private long probe(int base, long want) {
        long[] t = table;
        int k = match(t, base, want);
        if (k >= 0) {
            long v = (long) TABLE.getAcquire(t, k + 1);
            if ((long) TABLE.getAcquire(t, k) == want && (v & (VALID | REMOVING)) == VALID) {
                return v;
            }
        }
        return 0;
    }

    /**
     * The slot of a bucket whose key word is {@code want}, or -1, without a branch per slot (where a key sits is
     * random, so such a branch mispredicts). A key is live in one slot at most (insert's claim protocol).
     */
    private static int match(long[] t, int base, long want) {
        int m = ((long) TABLE.getAcquire(t, base) == want ? 1 : 0)
                | ((long) TABLE.getAcquire(t, base + 2) == want ? 2 : 0)
                | ((long) TABLE.getAcquire(t, base + 4) == want ? 4 : 0)
                | ((long) TABLE.getAcquire(t, base + 6) == want ? 8 : 0);
        return m == 0 ? -1 : base + 2 * Integer.numberOfTrailingZeros(m);
    }

    /** The index of the key's first bucket, for {@link #touchLine} (a worker touches a burst's buckets first). */
    public int lineOf(int vid, long mac) {
        return bucket1(hash(key(vid, mac)));
    }

    /** Reads the bucket at an index from {@link #lineOf}; the value means nothing. */
    public long touchLine(int line) {
        return table[line];
    }

    /** True when the table is bigger than a core's L2 cache, so that touching ahead pays. */
    public boolean largerThanCache() {
        return table.length * 8L > 1024 * 1024;
    }

    /** The port of a value word. */
    public static int portOf(long value) {
        return (int) (value & PORT_MASK);
    }

    /** True for a static entry. */
    public static boolean isStatic(long value) {
        return (value & STATIC) != 0;
    }

    /** Milliseconds since the entry was last seen, given the same clock as learn's {@code nowMillis}. */
    public static long ageOf(long value, long nowMillis) {
        return (nowMillis - (value >>> TIME_SHIFT)) & 0xFFFF_FFFFL;
    }

    /** True when a dynamic entry is older than the ageing time and must be treated as unknown. */
    public boolean isStale(long value, long nowMillis) {
        long aging = agingMillis;
        return aging != 0 && (value & STATIC) == 0 && ageOf(value, nowMillis) > aging;
    }

    // ---------------------------------------------------------------- learning

    /**
     * Learns that (vid, mac) was seen on {@code port} at {@code nowMillis}. Returns a {@link LearnResult} code.
     * {@code portLimit} caps the dynamic entries on that port (0 means no limit). Lock-free.
     */
    public int learn(int vid, long mac, int port, long nowMillis, int portLimit) {
        long key = key(vid, mac);
        long h = hash(key);
        // The common case, kept small enough to inline: known, on this port, seen recently. Nothing is written.
        int b1 = bucket1(h);
        long[] t = table;
        long want = STATE_LIVE | key;
        int k = match(t, b1, want);
        if (k >= 0) {
            long v = (long) TABLE.getAcquire(t, k + 1);
            if ((v & (VALID | REMOVING | STATIC | PORT_MASK)) == (VALID | port)
                    && ageOf(v, nowMillis) < refreshMillis && (long) TABLE.getAcquire(t, k) == want) {
                return LearnResult.UNCHANGED;
            }
        }
        return learnSlow(key, h, port, nowMillis, portLimit);
    }

    private int learnSlow(long key, long h, int port, long nowMillis, int portLimit) {
        int b1 = bucket1(h);
        int b2 = bucket2(h);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            int slot = findLive(b1, b2, STATE_LIVE | key);
            int r = slot >= 0 ? update(slot, key, port, nowMillis, portLimit) : insert(b1, b2, key, port, nowMillis,
                    portLimit, false);
            if (r != LearnResult.RETRY) {
                return r;
            }
        }
        return LearnResult.CONTENDED;
    }

    /**
     * What {@link #learn} would return for these arguments now, without writing anything: for traces. Concurrent
     * learners may of course change the answer a moment later.
     */
    public int predictLearn(int vid, long mac, int port, long nowMillis, int portLimit) {
        long key = key(vid, mac);
        long h = hash(key);
        int slot = findLive(bucket1(h), bucket2(h), STATE_LIVE | key);
        boolean atLimit = portLimit > 0 && perPort.get(port) >= portLimit;
        if (slot >= 0) {
            long v = (long) TABLE.getAcquire(table, valueIndex(slot));
            if ((v & STATIC) != 0) {
                return portOf(v) == port ? LearnResult.UNCHANGED : LearnResult.STATIC_CONFLICT;
            }
            if (portOf(v) == port) {
                return ageOf(v, nowMillis) < refreshMillis ? LearnResult.UNCHANGED : LearnResult.REFRESHED;
            }
            return atLimit ? LearnResult.REFUSED_PORT_LIMIT : LearnResult.MOVED;
        }
        if (counts.size() >= capacity || occupied(bucket1(h)) == SLOTS && occupied(bucket2(h)) == SLOTS) {
            return LearnResult.REFUSED_TABLE_FULL;
        }
        return atLimit ? LearnResult.REFUSED_PORT_LIMIT : LearnResult.NEW;
    }

    /** Adds or replaces a static entry: it never ages and never moves. Returns a {@link LearnResult} code. */
    public int addStatic(int vid, long mac, int port) {
        checkPort(port);
        long key = key(vid, mac);
        long h = hash(key);
        int b1 = bucket1(h);
        int b2 = bucket2(h);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            int slot = findLive(b1, b2, STATE_LIVE | key);
            if (slot >= 0) {
                int vi = valueIndex(slot);
                long v = (long) TABLE.getAcquire(table, vi);
                if ((v & (VALID | REMOVING)) != VALID) {
                    continue;
                }
                long nv = (v & (GEN_MASK | (0xFFFF_FFFFL << TIME_SHIFT))) | VALID | STATIC | port;
                if (TABLE.compareAndSet(table, vi, v, nv)) {
                    if ((v & STATIC) == 0) {
                        perPort.decrementAndGet(portOf(v));
                    }
                    return LearnResult.STATIC_ADDED;
                }
                continue;
            }
            int r = insert(b1, b2, key, port, 0, 0, true);
            if (r != LearnResult.RETRY) {
                return r == LearnResult.NEW ? LearnResult.STATIC_ADDED : r;
            }
        }
        return LearnResult.CONTENDED;
    }

    private int update(int slot, long key, int port, long now, int portLimit) {
        int vi = valueIndex(slot);
        long v = (long) TABLE.getAcquire(table, vi);
        if ((v & (VALID | REMOVING)) != VALID || (long) TABLE.getAcquire(table, slot) != (STATE_LIVE | key)) {
            return LearnResult.RETRY;
        }
        int old = portOf(v);
        if ((v & STATIC) != 0) {
            return old == port ? LearnResult.UNCHANGED : LearnResult.STATIC_CONFLICT;
        }
        if (old == port) {
            if (ageOf(v, now) < refreshMillis) {
                return LearnResult.UNCHANGED;
            }
            long nv = (v & ~(0xFFFF_FFFFL << TIME_SHIFT)) | (now << TIME_SHIFT);
            return TABLE.compareAndSet(table, vi, v, nv) ? LearnResult.REFRESHED : LearnResult.RETRY;
        }
        if (!reservePort(port, portLimit)) {
            return LearnResult.REFUSED_PORT_LIMIT;
        }
        long nv = (v & GEN_MASK) | VALID | (now << TIME_SHIFT) | port;
        if (TABLE.compareAndSet(table, vi, v, nv)) {
            perPort.decrementAndGet(old);
            return LearnResult.MOVED;
        }
        perPort.decrementAndGet(port);
        return LearnResult.RETRY;
    }

    private int insert(int b1, int b2, long key, int port, long now, int portLimit, boolean isStatic) {
        if (!counts.reserve(capacity)) {
            return LearnResult.REFUSED_TABLE_FULL;
        }
        if (!isStatic && !reservePort(port, portLimit)) {
            counts.release();
            return LearnResult.REFUSED_PORT_LIMIT;
        }
        // Fill the first bucket up to 6 of 8, then the less loaded of the two: zero refusals at full capacity in
        // simulation up to 4M entries, with 95% of keys found in the first cache line a lookup reads.
        int first = b1;
        int second = b2;
        int used1 = occupied(b1);
        if (used1 >= FIRST_BUCKET_FILL && occupied(b2) < used1) {
            first = b2;
            second = b1;
        }
        int slot = claim(first, key);
        if (slot < 0) {
            slot = claim(second, key);
        }
        if (slot < 0) {
            unreserve(port, isStatic);
            return LearnResult.REFUSED_TABLE_FULL;
        }
        if (!winsAgainstCopies(slot, b1, b2, key)) {
            abandon(slot, key);
            unreserve(port, isStatic);
            return LearnResult.RETRY;
        }
        int vi = valueIndex(slot);
        long previous = (long) TABLE.getAcquire(table, vi);
        long gen = (previous + (1L << GEN_SHIFT)) & GEN_MASK;
        long nv = gen | VALID | (isStatic ? STATIC : 0) | ((now & 0xFFFF_FFFFL) << TIME_SHIFT) | port;
        TABLE.setRelease(table, vi, nv);
        if (TABLE.compareAndSet(table, slot, STATE_PENDING | key, STATE_LIVE | key)) {
            return LearnResult.NEW;
        }
        abandon(slot, key);
        unreserve(port, isStatic);
        return LearnResult.RETRY;
    }

    /** Claims a free slot of a bucket for {@code key}: EMPTY or DEAD to PENDING. Returns its index or -1. */
    private int claim(int base, long key) {
        long[] t = table;
        for (int i = base; i < base + BUCKET_LONGS; i += 2) {
            long k = (long) TABLE.getAcquire(t, i);
            while (k == 0 || k == STATE_DEAD) {
                if (TABLE.compareAndSet(t, i, k, STATE_PENDING | key)) {
                    return i;
                }
                k = (long) TABLE.getAcquire(t, i);
            }
        }
        return -1;
    }

    private int occupied(int base) {
        int n = 0;
        for (int i = base; i < base + BUCKET_LONGS; i += 2) {
            long k = (long) TABLE.getAcquire(table, i);
            if (k != 0 && k != STATE_DEAD) {
                n++;
            }
        }
        return n;
    }

    /**
     * Looks at the other 7 candidate slots after claiming {@code mine}. False when this claimer must give way: a
     * live copy exists, or a pending copy ranks lower. Higher-ranked pending copies are killed.
     */
    private boolean winsAgainstCopies(int mine, int b1, int b2, long key) {
        int myRank = rank(mine, b1, b2);
        for (int r = 0; r < 2 * SLOTS; r++) {
            if (r == myRank) {
                continue;
            }
            int idx = candidate(r, b1, b2);
            long k = (long) TABLE.getAcquire(table, idx);
            if (k == (STATE_LIVE | key)) {
                long v = (long) TABLE.getAcquire(table, valueIndex(idx));
                if ((v & REMOVING) == 0) {
                    return false;
                }
            } else if (k == (STATE_PENDING | key)) {
                if (r < myRank) {
                    return false;
                }
                if (!TABLE.compareAndSet(table, idx, k, STATE_KILLED | key)
                        && (long) TABLE.getAcquire(table, idx) == (STATE_LIVE | key)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Gives a claimed slot back; it may have been killed meanwhile, which only its owner can clear. */
    private void abandon(int slot, long key) {
        if (!TABLE.compareAndSet(table, slot, STATE_PENDING | key, STATE_DEAD)) {
            TABLE.setRelease(table, slot, STATE_DEAD);
        }
    }

    /** The order of the 8 candidate slots: the first bucket's 4, then the second's. */
    private static int rank(int slot, int b1, int b2) {
        return slot >= b1 && slot < b1 + BUCKET_LONGS ? (slot - b1) / 2 : SLOTS + (slot - b2) / 2;
    }

    private static int candidate(int rank, int b1, int b2) {
        return rank < SLOTS ? b1 + 2 * rank : b2 + 2 * (rank - SLOTS);
    }

    private int findLive(int b1, int b2, long want) {
        long[] t = table;
        for (int r = 0; r < 2 * SLOTS; r++) {
            int k = candidate(r, b1, b2);
            if ((long) TABLE.getAcquire(t, k) == want && ((long) TABLE.getAcquire(t, k + 1) & REMOVING) == 0) {
                return k;
            }
        }
        return -1;
    }

    private boolean reservePort(int port, int limit) {
        if (limit <= 0) {
            perPort.incrementAndGet(port);
            return true;
        }
        int n;
        do {
            n = perPort.get(port);
            if (n >= limit) {
                return false;
            }
        } while (!perPort.compareAndSet(port, n, n + 1));
        return true;
    }

    private void unreserve(int port, boolean isStatic) {
        if (!isStatic) {
            perPort.decrementAndGet(port);
        }
        counts.release();
    }

    // ---------------------------------------------------------------- removal

    /** Removes the entry for (vid, mac), static or not. True if one was removed. */
    public boolean remove(int vid, long mac) {
        long key = key(vid, mac);
        long h = hash(key);
        int slot = findLive(bucket1(h), bucket2(h), STATE_LIVE | key);
        return slot >= 0 && removeSlot(slot, Filter.ANY);
    }

    /**
     * Removes the entries matching a filter and returns how many. Runs on the caller's thread, slot by slot, never
     * blocking workers.
     */
    public int flush(Filter filter) {
        if (counts.size() == 0) {
            // An empty table has nothing to scan for (a switch closing flushes once, then once per port).
            return 0;
        }
        int removed = 0;
        for (int k = BASE; k < table.length; k += 2) {
            if (((long) TABLE.getAcquire(table, k) & STATE_MASK) == STATE_LIVE && removeSlot(k, filter)) {
                removed++;
            }
        }
        return removed;
    }

    /** Removes dynamic entries older than the ageing time; returns how many. */
    public int age(long nowMillis) {
        long aging = agingMillis;
        if (aging == 0) {
            return 0;
        }
        return flush(Filter.olderThan(aging, nowMillis));
    }

    private boolean removeSlot(int slot, Filter filter) {
        int vi = valueIndex(slot);
        long k = (long) TABLE.getAcquire(table, slot);
        long v = (long) TABLE.getAcquire(table, vi);
        if ((k & STATE_MASK) != STATE_LIVE || (v & (VALID | REMOVING)) != VALID) {
            return false;
        }
        int vid = (int) (k >>> 48) & 0xFFF;
        if (!filter.matches(vid, k & 0xFFFF_FFFF_FFFFL, v)) {
            return false;
        }
        if (!TABLE.compareAndSet(table, vi, v, v | REMOVING)) {
            return false;
        }
        TABLE.setRelease(table, slot, STATE_DEAD);
        if ((v & STATIC) == 0) {
            perPort.decrementAndGet(portOf(v));
        }
        counts.release();
        return true;
    }

    // ---------------------------------------------------------------- listing

    /** Calls the visitor for every live entry. A snapshot per entry, not of the table as a whole. */
    public void forEach(EntryVisitor visitor) {
        for (int i = BASE; i < table.length; i += 2) {
            long k = (long) TABLE.getAcquire(table, i);
            if ((k & STATE_MASK) != STATE_LIVE) {
                continue;
            }
            long v = (long) TABLE.getAcquire(table, i + 1);
            if ((long) TABLE.getAcquire(table, i) == k && (v & (VALID | REMOVING)) == VALID) {
                visitor.visit((int) (k >>> 48) & 0xFFF, k & 0xFFFF_FFFF_FFFFL, v);
            }
        }
    }

    /** Receives entries from {@link #forEach}. */
    @FunctionalInterface
    public interface EntryVisitor {
        /** One live entry: its VLAN, MAC and value word. */
        void visit(int vid, long mac, long value);
    }

    // ---------------------------------------------------------------- hashing

    static long key(int vid, long mac) {
        return ((long) (vid & 0xFFF) << 48) | (mac & 0xFFFF_FFFF_FFFFL);
    }

    private long hash(long key) {
        long h = key ^ seed;
        h = (h ^ (h >>> 33)) * 0xFF51AFD7ED558CCDL;
        h = (h ^ (h >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return h ^ (h >>> 33);
    }

    private int bucket1(long h) {
        return BASE + ((int) h & bucketMask) * BUCKET_LONGS;
    }

    private int bucket2(long h) {
        int b1 = (int) h & bucketMask;
        int b2 = (int) (h >>> 32) & bucketMask;
        return BASE + (b2 == b1 ? b1 ^ 1 : b2) * BUCKET_LONGS;
    }

    private static int valueIndex(int slot) {
        return slot + 1;
    }

    private void checkPort(int port) {
        if (port < 0 || port >= perPort.length()) {
            throw new IllegalArgumentException("port index " + port + " is outside 0.." + (perPort.length() - 1));
        }
    }
}
