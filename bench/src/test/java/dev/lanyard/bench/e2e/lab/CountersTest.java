package dev.lanyard.bench.e2e.lab;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CountersTest {
    private static final String NET_DEV = "Inter-|   Receive                                                "
            + "|  Transmit\n"
            + " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls "
            + "carrier compressed\n"
            + "    lo:  881000    2994    0    0    0     0          0         0   881000    2994    0    0    0     0"
            + "       0          0\n"
            + "  eth0: 123456789 1000000    0   17    0     0          0         3 987654321  2000000    0   42    0"
            + "     0       0          0\n";

    @Test
    void netDevGivesPacketsAndDropsOfEachInterface() {
        Map<String, NetDev.Counters> c = NetDev.parse(NET_DEV);
        assertEquals(2, c.size());
        assertEquals(new NetDev.Counters(1000000, 17, 2000000, 42), c.get("eth0"));
        assertEquals(new NetDev.Counters(2994, 0, 2994, 0), c.get("lo"));
    }

    @Test
    void countersSubtract() {
        NetDev.Counters a = new NetDev.Counters(10, 1, 20, 2);
        NetDev.Counters b = new NetDev.Counters(110, 4, 220, 2);
        assertEquals(new NetDev.Counters(100, 3, 200, 0), b.minus(a));
    }

    @Test
    void netDevLineWithTooFewFieldsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> NetDev.parse("  eth0: 1 2 3\n"));
    }

    @Test
    void snmpPairsHeaderAndValueLines() {
        Map<String, Long> s = Snmp.parse("Ip: Forwarding DefaultTTL\nIp: 2 64\n"
                + "Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors\n"
                + "Udp: 45 0 0 46 0 0 7\n"
                + "Tcp: RtoAlgorithm InCsumErrors\nTcp: 1 3\n");
        assertEquals(7L, s.get("Udp.InCsumErrors"));
        assertEquals(3L, s.get("Tcp.InCsumErrors"));
        assertEquals(64L, s.get("Ip.DefaultTTL"));
    }

    @Test
    void snmpLinesThatDoNotPairAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Snmp.parse("Ip: Forwarding\nUdp: 1\n"));
    }
}
