package dev.lanyard.control.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {
    @ParameterizedTest
    @CsvSource({
        "172.17.0.1, 172.17.0.1",
        "0.0.0.0, 0.0.0.0",
        "255.255.255.255, 255.255.255.255",
        "::, ::",
        "::1, ::1",
        "2001:DB8:0:0:0:0:0:1, 2001:db8::1",
        "2001:db8:0:1:0:0:0:1, 2001:db8:0:1::1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:db8:1:2:3:4:5:6, 2001:db8:1:2:3:4:5:6",
        "2001:db8::, 2001:db8::",
        "fe80::1:0, fe80::1:0",
        "1:0:2:3:4:5:6:7, 1:0:2:3:4:5:6:7",
        "::ffff:10.1.2.3, ::ffff:a01:203",
    })
    void printsCanonically(String text, String canonical) {
        assertEquals(canonical, IpAddress.parse(text).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3", "1.2.3.4.5", "1.2.3.256", "01.2.3.4", "1.2.3.-4", "a.b.c.d", "", "1..2.3",
        "1:2", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::8", "g::1", "::1.2.3", "fe80::1%eth0",
        "localhost"})
    void refusesWhatIsNotALiteral(String text) {
        assertThrows(IllegalArgumentException.class, () -> IpAddress.parse(text));
    }

    @Test
    void saysWhatIsWrong() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IpAddress.parse("10.0.0.300"));
        assertEquals("300 is above 255", e.getMessage());
    }

    @Test
    void knowsLinkLocal() {
        assertTrue(IpAddress.parse("fe80::1").isLinkLocal());
        assertTrue(IpAddress.parse("febf::1").isLinkLocal());
        assertFalse(IpAddress.parse("fec0::1").isLinkLocal());
        assertFalse(IpAddress.parse("169.254.0.1").isLinkLocal());
    }

    @Test
    void bytesAreInNetworkOrderAndACopy() {
        IpAddress a = IpAddress.parse("172.17.0.1");
        byte[] bytes = a.bytes();
        assertEquals(List.of((byte) 172, (byte) 17, (byte) 0, (byte) 1),
                List.of(bytes[0], bytes[1], bytes[2], bytes[3]));
        bytes[0] = 0;
        assertEquals("172.17.0.1", a.toString());
        assertEquals(16, IpAddress.parse("::1").bytes().length);
        assertEquals(a, IpAddress.of(a.bytes()));
    }

    @Test
    void equalityIsByBytes() {
        assertEquals(IpAddress.parse("2001:db8::1"), IpAddress.parse("2001:0db8:0::0001"));
        assertEquals(IpAddress.parse("2001:db8::1").hashCode(), IpAddress.parse("2001:0db8:0::0001").hashCode());
    }
}
