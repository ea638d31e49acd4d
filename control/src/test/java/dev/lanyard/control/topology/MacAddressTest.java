package dev.lanyard.control.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MacAddressTest {
    @Test
    void parsesAndPrintsLowercase() {
        assertEquals("02:42:ac:11:00:02", MacAddress.parse("02:42:AC:11:00:02").toString());
        assertEquals(0x0242ac110002L, MacAddress.parse("02:42:ac:11:00:02").value());
    }

    @Test
    void refusesMalformedText() {
        assertThrows(IllegalArgumentException.class, () -> MacAddress.parse("02:42:ac:11:00"));
        assertThrows(IllegalArgumentException.class, () -> MacAddress.parse("02-42-ac-11-00-02"));
        assertThrows(IllegalArgumentException.class, () -> MacAddress.parse("2:42:ac:11:00:02"));
        assertThrows(IllegalArgumentException.class, () -> MacAddress.parse("zz:42:ac:11:00:02"));
    }

    @Test
    void knowsMulticastAndZero() {
        assertTrue(MacAddress.parse("01:00:5e:00:00:01").isMulticast());
        assertTrue(MacAddress.parse("ff:ff:ff:ff:ff:ff").isMulticast());
        assertFalse(MacAddress.parse("02:00:00:00:00:01").isMulticast());
        assertTrue(MacAddress.parse("00:00:00:00:00:00").isZero());
    }

    @Test
    void derivedMacsAreTheSameOnEveryRun() {
        // Pinned: a change here changes the MAC of every lab ever built.
        assertEquals("8e:4f:db:98:19:69", Derived.hostMac("docker0", "ns0", "eth0").toString());
        assertEquals("veth8137310", Derived.portName("docker0", "ns0", "eth0"));
        assertEquals(Derived.hostMac("docker0", "ns0", "eth0"), Derived.hostMac("docker0", "ns0", "eth0"));
    }

    @Test
    void derivedMacsAreLocallyAdministeredUnicast() {
        for (int i = 0; i < 1000; i++) {
            MacAddress mac = Derived.hostMac("lab", "ns" + i, "eth0");
            assertFalse(mac.isMulticast(), mac.toString());
            assertEquals(0x02, mac.value() >> 40 & 0x03, mac.toString());
        }
    }

    @Test
    void derivedMacsDifferPerInterfaceHostLabAndRole() {
        Set<MacAddress> seen = new HashSet<>();
        for (String lab : new String[] {"a", "b"}) {
            for (String host : new String[] {"ns0", "ns1"}) {
                for (String iface : new String[] {"eth0", "eth1"}) {
                    assertTrue(seen.add(Derived.hostMac(lab, host, iface)));
                    assertTrue(seen.add(Derived.portMac(lab, host, iface)));
                }
            }
            assertTrue(seen.add(Derived.gatewayMac(lab, "ns0")));
        }
        // Names are separated, so shifting characters between them does not give the same input.
        assertNotEquals(Derived.hostMac("ab", "c", "d"), Derived.hostMac("a", "bc", "d"));
    }

    @Test
    void derivedPortNamesFitTheKernelLimitAndDiffer() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String name = Derived.portName("lab", "ns" + i, "eth0");
            assertEquals(11, name.length());
            assertTrue(name.matches("veth[0-9a-f]{7}"), name);
            assertTrue(seen.add(name), name);
        }
        assertNotEquals(Derived.portName("a", "ns0", "eth0"), Derived.portName("b", "ns0", "eth0"));
    }
}
