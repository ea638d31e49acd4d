package dev.lanyard.control.topology;

import static dev.lanyard.control.topology.Check.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Numbers out of range and MACs an interface cannot carry. */
class SettingsProblemTest {
    private static String iface(String settings) {
        return "lab: x\nswitches: {sw: {}}\nhosts:\n  ns0:\n    interfaces:\n      eth0: " + settings + "\n";
    }

    @Test
    void mtuOutsideWhatLinuxTakes() {
        String high = iface("{switch: sw, mtu: 70000}");
        assertEquals(List.of(at(high, "70000") + " MTU 70000 is out of range; Linux takes 68 to 65535"),
                Check.problems(high));
        String low = iface("{switch: sw, mtu: 67}");
        assertEquals(List.of(at(low, "67") + " MTU 67 is out of range; Linux takes 68 to 65535"), Check.problems(low));
        assertEquals(List.of(), Check.problems(iface("{switch: sw, mtu: 68}")));
        assertEquals(List.of(), Check.problems(iface("{switch: sw, mtu: 65535}")));
    }

    @Test
    void mtuTooSmallForIpv6() {
        String yaml = iface("{switch: sw, mtu: 1000, addresses: [\"2001:db8::1/64\"]}");
        assertEquals(List.of(at(yaml, "1000") + " MTU 1000 is below 1280, the least IPv6 needs, and ns0/eth0 has IPv6"
                + " addresses"), Check.problems(yaml));
        assertEquals(List.of(), Check.problems(iface("{switch: sw, mtu: 1000, addresses: [10.0.0.1/24]}")));
    }

    @Test
    void multicastMac() {
        String yaml = iface("{switch: sw, mac: \"01:00:5e:00:00:01\"}");
        assertEquals(List.of(at(yaml, "\"01:") + " MAC 01:00:5e:00:00:01 is a multicast address; an interface needs a"
                + " unicast one (first byte even)"), Check.problems(yaml));
        String broadcast = iface("{switch: sw, mac: \"ff:ff:ff:ff:ff:ff\"}");
        assertEquals(1, Check.problems(broadcast).size());
    }

    @Test
    void zeroMac() {
        String yaml = iface("{switch: sw, mac: \"00:00:00:00:00:00\"}");
        assertEquals(List.of(at(yaml, "\"00:") + " MAC 00:00:00:00:00:00 is not an address an interface may carry"),
                Check.problems(yaml));
    }

    @Test
    void macUsedTwice() {
        String yaml = iface("{switch: sw, mac: \"02:00:00:00:00:01\"}\n"
                + "      eth1: {switch: sw, mac: \"02:00:00:00:00:01\"}");
        assertEquals(List.of(at(yaml, "\"02:", 2) + " MAC 02:00:00:00:00:01 of ns0/eth1 is already used by ns0/eth0"),
                Check.problems(yaml));
    }

    @Test
    void switchNumbersOutOfRange() {
        String yaml = "lab: x\nswitches:\n  sw: {aging: -1, workers: 0, mac-table-size: 5}\n"
                + "  sw2: {aging: 1000001, workers: 65, mac-table-size: 16777217}\n";
        assertEquals(List.of(
                at(yaml, "-1") + " aging must be between 0 and 1000000 seconds, got -1",
                at(yaml, "0,") + " workers must be between 1 and 64, got 0",
                at(yaml, "5}") + " mac-table-size must be between 16 and 16777216, got 5",
                at(yaml, "1000001") + " aging must be between 0 and 1000000 seconds, got 1000001",
                at(yaml, "65") + " workers must be between 1 and 64, got 65",
                at(yaml, "16777217") + " mac-table-size must be between 16 and 16777216, got 16777217"),
                Check.problems(yaml));
        assertEquals(List.of(), Check.problems("lab: x\nswitches:\n  sw: {aging: 0, workers: 64,"
                + " mac-table-size: 16777216}\n"));
    }

    @Test
    void negativeMacLimit() {
        String yaml = iface("{switch: sw, mac-limit: -3}");
        assertEquals(List.of(at(yaml, "-3") + " mac-limit must be between 0 and 16777216, got -3"),
                Check.problems(yaml));
    }
}
