package dev.lanyard.dataplane.fdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MacTableTest {
    private static final long MAC = 0x02_00_00_00_00_01L;
    private final MacTable t = new MacTable(1024, 64, 42);

    @Test
    void learnsANewAddressAndFindsIt() {
        assertEquals(0, t.lookup(0, MAC));
        assertEquals(LearnResult.NEW, t.learn(0, MAC, 3, 1000, 0));
        long v = t.lookup(0, MAC);
        assertEquals(3, MacTable.portOf(v));
        assertFalse(MacTable.isStatic(v));
        assertEquals(1, t.size());
        assertEquals(1, t.learnedOn(3));
    }

    @Test
    void keepsVlansApart() {
        t.learn(10, MAC, 1, 0, 0);
        t.learn(20, MAC, 2, 0, 0);
        assertEquals(1, MacTable.portOf(t.lookup(10, MAC)));
        assertEquals(2, MacTable.portOf(t.lookup(20, MAC)));
        assertEquals(0, t.lookup(30, MAC));
    }

    @Test
    void writesARefreshOnlyOnceASecond() {
        t.learn(0, MAC, 1, 1000, 0);
        assertEquals(LearnResult.UNCHANGED, t.learn(0, MAC, 1, 1500, 0));
        assertEquals(500, MacTable.ageOf(t.lookup(0, MAC), 1500));
        assertEquals(LearnResult.REFRESHED, t.learn(0, MAC, 1, 2000, 0));
        assertEquals(0, MacTable.ageOf(t.lookup(0, MAC), 2000));
    }

    @Test
    void movesAnAddressSeenOnAnotherPortAtOnce() {
        t.learn(0, MAC, 1, 0, 0);
        assertEquals(LearnResult.MOVED, t.learn(0, MAC, 2, 1, 0));
        assertEquals(2, MacTable.portOf(t.lookup(0, MAC)));
        assertEquals(0, t.learnedOn(1));
        assertEquals(1, t.learnedOn(2));
        assertEquals(1, t.size());
    }

    @Test
    void staticEntriesNeverMoveAndNeverAge() {
        assertEquals(LearnResult.STATIC_ADDED, t.addStatic(0, MAC, 5));
        assertEquals(LearnResult.STATIC_CONFLICT, t.learn(0, MAC, 6, 0, 0));
        assertEquals(5, MacTable.portOf(t.lookup(0, MAC)));
        t.agingMillis(10);
        assertEquals(0, t.age(1_000_000));
        long v = t.lookup(0, MAC);
        assertTrue(MacTable.isStatic(v));
        assertFalse(t.isStale(v, 1_000_000));
        assertEquals(0, t.learnedOn(5), "static entries do not count against the port limit");
    }

    @Test
    void staticEntryReplacesALearnedOne() {
        t.learn(0, MAC, 1, 0, 0);
        t.addStatic(0, MAC, 2);
        assertEquals(2, MacTable.portOf(t.lookup(0, MAC)));
        assertEquals(0, t.learnedOn(1));
        assertEquals(1, t.size());
    }

    @Test
    void agesOutEntriesNotSeenForTheAgingTime() {
        t.agingMillis(300_000);
        t.learn(0, MAC, 1, 0, 0);
        t.learn(0, MAC + 1, 1, 200_000, 0);
        assertFalse(t.isStale(t.lookup(0, MAC), 300_000));
        assertTrue(t.isStale(t.lookup(0, MAC), 300_001), "a lookup treats an expired entry as unknown");
        assertEquals(1, t.age(300_001));
        assertEquals(0, t.lookup(0, MAC));
        assertEquals(1, MacTable.portOf(t.lookup(0, MAC + 1)));
        assertEquals(1, t.size());
        assertEquals(1, t.learnedOn(1));
    }

    @Test
    void agingZeroMeansNever() {
        t.agingMillis(0);
        t.learn(0, MAC, 1, 0, 0);
        assertEquals(0, t.age(Integer.MAX_VALUE));
        assertFalse(t.isStale(t.lookup(0, MAC), Integer.MAX_VALUE));
    }

    @Test
    void flushesAllByPortAndByVlan() {
        // i = 0..9: VLAN 1 for even i, 2 for odd; port i % 3. Port 0 holds i = 0, 3, 6, 9.
        for (int i = 0; i < 10; i++) {
            t.learn(i % 2 == 0 ? 1 : 2, MAC + i, i % 3, 0, 0);
        }
        t.addStatic(1, MAC + 100, 0);
        assertEquals(11, t.size());
        assertEquals(4, t.flush(Filter.port(0).and(Filter.DYNAMIC)));
        assertEquals(1, countOn(0), "the static entry stays");
        assertEquals(3, t.flush(Filter.vlan(2)), "i = 1, 5, 7 are left in VLAN 2");
        assertEquals(4, t.flush(Filter.ANY), "i = 2, 4, 8 and the static entry");
        assertEquals(0, t.size());
        for (int p = 0; p < 3; p++) {
            assertEquals(0, t.learnedOn(p));
        }
    }

    private int countOn(int port) {
        int[] n = {0};
        t.forEach((vid, mac, v) -> {
            if (MacTable.portOf(v) == port) {
                n[0]++;
            }
        });
        return n[0];
    }

    @Test
    void removesOneEntry() {
        t.learn(0, MAC, 1, 0, 0);
        assertTrue(t.remove(0, MAC));
        assertFalse(t.remove(0, MAC));
        assertEquals(0, t.lookup(0, MAC));
        assertEquals(0, t.size());
    }

    @Test
    void holdsThePerPortLimitAndCountsRefusals() {
        for (int i = 0; i < 5; i++) {
            assertEquals(LearnResult.NEW, t.learn(0, MAC + i, 7, 0, 5));
        }
        assertEquals(LearnResult.REFUSED_PORT_LIMIT, t.learn(0, MAC + 99, 7, 0, 5));
        assertEquals(0, t.lookup(0, MAC + 99));
        assertEquals(LearnResult.UNCHANGED, t.learn(0, MAC, 7, 0, 5), "known addresses still refresh");
        assertEquals(5, t.learnedOn(7));
        t.learn(0, MAC + 50, 8, 0, 0);
        assertEquals(LearnResult.REFUSED_PORT_LIMIT, t.learn(0, MAC + 50, 7, 1, 5), "no move onto a full port");
        assertEquals(8, MacTable.portOf(t.lookup(0, MAC + 50)));
    }

    @Test
    void aFullTableRefusesNewAddressesAndKeepsKnownOnes() {
        MacTable small = new MacTable(100, 4, 7);
        int learned = 0;
        for (int i = 0; i < 1000; i++) {
            int r = small.learn(0, MAC + i, i % 4, 0, 0);
            if (r == LearnResult.NEW) {
                learned++;
            } else {
                assertEquals(LearnResult.REFUSED_TABLE_FULL, r);
            }
            assertTrue(small.size() <= 100);
        }
        assertEquals(100, learned);
        assertEquals(100, small.size());
        int found = 0;
        for (int i = 0; i < 1000; i++) {
            if (small.lookup(0, MAC + i) != 0) {
                found++;
            }
        }
        assertEquals(100, found);
        small.flush(Filter.port(0));
        assertEquals(LearnResult.NEW, small.learn(0, MAC + 5000, 1, 0, 0), "room again after a flush");
    }

    @Test
    void reusesSlotsAfterRemovalWithoutGrowing() {
        MacTable small = new MacTable(64, 4, 9);
        for (int round = 0; round < 200; round++) {
            for (int i = 0; i < 64; i++) {
                assertEquals(LearnResult.NEW, small.learn(0, MAC + round * 1000L + i, 1, 0, 0));
            }
            assertEquals(64, small.flush(Filter.ANY));
        }
        assertEquals(0, small.size());
    }

    @Test
    void listsEveryLiveEntryOnce() {
        List<Long> macs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            t.learn(i % 4, MAC + i, i % 8, 0, 0);
        }
        t.forEach((vid, mac, v) -> macs.add(mac));
        assertEquals(300, macs.size());
        assertEquals(300, macs.stream().distinct().count());
    }

    @Test
    void refusesBadSizes() {
        assertThrows(IllegalArgumentException.class, () -> new MacTable(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new MacTable(MacTable.MAX_CAPACITY + 1, 1));
        assertThrows(IllegalArgumentException.class, () -> t.agingMillis(-1));
    }

    @Test
    void holdsFourMillionEntries() {
        MacTable big = new MacTable(4 * 1024 * 1024, 16, 3);
        for (int i = 0; i < 4 * 1024 * 1024; i++) {
            big.learn(0, 0x0200_0000_0000L + i, i & 15, 0, 0);
        }
        assertEquals(4 * 1024 * 1024, big.size());
        assertEquals(LearnResult.REFUSED_TABLE_FULL, big.learn(1, MAC, 0, 0, 0));
        assertEquals(7, MacTable.portOf(big.lookup(0, 0x0200_0000_0000L + 7)));
    }
}
