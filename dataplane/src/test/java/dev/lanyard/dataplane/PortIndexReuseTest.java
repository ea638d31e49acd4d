package dev.lanyard.dataplane;

import dev.lanyard.dataplane.fdb.MacTable;
import dev.lanyard.dataplane.forward.PortSettings;
import dev.lanyard.dataplane.port.MemoryPort;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** What a port index carries over from the port that had it before: nothing. */
class PortIndexReuseTest {
    private static final long A = 0x0200_0000_00AAL;
    private static final long B = 0x0200_0000_00BBL;

    @Test
    void aReusedIndexLosesEntriesLearnedForItsLastPortAfterItWent() {
        Switch sw = new Switch(new SwitchConfig("reuse", 1, 2, 1024, 300_000));
        sw.addPort(new MemoryPort("p0", 1), PortSettings.DEFAULT);
        int one = sw.addPort(new MemoryPort("p1", 1), PortSettings.DEFAULT);
        sw.removePort(one);
        // A worker that still had the old port table learns for the removed port after its entries were flushed.
        sw.fdb().learn(0, A, one, Clock.millis(), 0);
        assertNotEquals(0, sw.fdb().lookup(0, A));
        assertEquals(one, sw.addPort(new MemoryPort("p1-again", 1), PortSettings.DEFAULT));
        assertEquals(0, sw.fdb().lookup(0, A));
    }

    @Test
    void addingPortsAtFreshIndexesKeepsWhatOthersLearned() {
        Switch sw = new Switch(new SwitchConfig("fresh", 1, 8, 1024, 300_000));
        int zero = sw.addPort(new MemoryPort("p0", 1), PortSettings.DEFAULT);
        sw.fdb().learn(0, B, zero, Clock.millis(), 0);
        for (int i = 1; i < 8; i++) {
            sw.addPort(new MemoryPort("p" + i, 1), PortSettings.DEFAULT);
        }
        assertEquals(zero, MacTable.portOf(sw.fdb().lookup(0, B)));
    }
}
