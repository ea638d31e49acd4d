package dev.lanyard.control.topology;

import static dev.lanyard.control.topology.Check.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code storm-control:} on a switch port: read, defaulted, and refused with the place of the mistake. */
class StormControlTopologyTest {
    private static String iface(String settings) {
        return "lab: x\nswitches: {sw: {}}\nhosts:\n  ns0:\n    interfaces:\n      eth0: " + settings + "\n";
    }

    private static StormControl of(String settings) {
        Attachment.SwitchPort p = (Attachment.SwitchPort) Check.parse(iface(settings)).hosts().get(0).interfaces()
                .get(0).attachment();
        return p.settings().stormControl();
    }

    @Test
    void readsRatesAndBurst() {
        assertEquals(new StormControl(1000, 200, 0, 50), of("{switch: sw, storm-control: {broadcast: 1000,"
                + " multicast: 200, unknown-unicast: 0, burst: 50}}"));
    }

    @Test
    void aClassLeftOutIsUnlimitedAndNoneAtAllIsOff() {
        assertEquals(new StormControl(500, StormControl.UNLIMITED, StormControl.UNLIMITED, 0),
                of("{switch: sw, storm-control: {broadcast: 500}}"));
        assertEquals(StormControl.OFF, of("{switch: sw}"));
        assertEquals(StormControl.OFF, of("{switch: sw, storm-control: {}}"));
        assertEquals(StormControl.OFF, of("{switch: sw, storm-control: }"));
    }

    @Test
    void refusesNegativeAndHugeRatesWithTheirPlace() {
        String yaml = iface("{switch: sw, storm-control: {broadcast: -1, multicast: 100000001, burst: 0}}");
        assertEquals(List.of(
                at(yaml, "-1") + " storm-control broadcast must be between 0 and 100000000 frames per second, got -1",
                at(yaml, "100000001") + " storm-control multicast must be between 0 and 100000000 frames per second,"
                        + " got 100000001",
                at(yaml, "0}") + " storm-control burst must be between 1 and 100000000 frames, got 0"),
                Check.problems(yaml));
    }

    @Test
    void refusesUnknownKeysWordsAndAPortlessInterface() {
        String typo = iface("{switch: sw, storm-control: {brodcast: 10}}");
        List<String> p = Check.problems(typo);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith(at(typo, "brodcast") + " unknown key \"brodcast\" in storm-control of"
                + " interface ns0/eth0"), p.get(0));
        assertTrue(p.get(0).contains("broadcast"), "a spelling hint: " + p.get(0));
        String word = iface("{switch: sw, storm-control: {broadcast: lots}}");
        assertEquals(List.of(at(word, "lots") + " broadcast must be a whole number, got \"lots\""),
                Check.problems(word));
        String notMap = iface("{switch: sw, storm-control: 1000}");
        assertEquals(1, Check.problems(notMap).size(), Check.problems(notMap).toString());
        assertTrue(Check.problems(notMap).get(0).startsWith(at(notMap, "1000")));
        String noSwitch = "lab: x\nhosts:\n  ns0:\n    interfaces:\n      eth0: {peer: ns1/eth0, storm-control:"
                + " {broadcast: 1}}\n  ns1:\n    interfaces:\n      eth0:\n";
        assertEquals(List.of(at(noSwitch, "{broadcast") + " storm-control applies to switch ports; interface"
                + " ns0/eth0 has no switch:"), Check.problems(noSwitch));
    }

    @Test
    void theLayoutCarriesItToTheSwitchPort() {
        Topology t = Check.parse(iface("{switch: sw, storm-control: {broadcast: 100}}"));
        Layout.Link link = Layout.of(t).portsOf("sw").get(0);
        assertEquals(100, link.settings().stormControl().broadcast());
    }
}
