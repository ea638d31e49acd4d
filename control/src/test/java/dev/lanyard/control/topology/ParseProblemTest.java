package dev.lanyard.control.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Problems found while reading the file: YAML, keys, types and value formats. */
class ParseProblemTest {
    private static final String INTERFACE_KEYS =
            "switch, port, type, peer, addresses, mac, mtu, learning, flood, isolated, mac-limit, storm-control";

    private static final String IFACE_LINE = "      eth0: ";

    /** A file with one host ns0 and one interface, on line 6, whose settings are {@code settings}. */
    private static List<String> iface(String settings) {
        return Check.problems("lab: x\nswitches: {sw: {}}\nhosts:\n  ns0:\n    interfaces:\n" + IFACE_LINE + settings
                + "\n  ns1:\n    interfaces:\n      veth1: {}\n");
    }

    /** "lab.yaml:6:C:" where C is the column of {@code token} in the settings of {@link #iface}. */
    private static String at(String settings, String token) {
        int index = settings.indexOf(token);
        if (index < 0) {
            throw new AssertionError(token + " not in " + settings);
        }
        return "lab.yaml:6:" + (IFACE_LINE.length() + 1 + index) + ":";
    }

    @Test
    void syntaxErrorPointsWhereSnakeYamlFoundIt() {
        assertEquals(List.of("lab.yaml:4:4: YAML syntax: expected ',' or ']', but got : (while parsing a flow"
                + " sequence at 3:6)"), Check.problems("lab: x\nhosts:\n  a: [1\n  b: 2\n"));
    }

    @Test
    void tabIndentationIsASyntaxError() {
        List<String> problems = Check.problems("lab: x\n\tbad: 1\n");
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("lab.yaml:2:1: YAML syntax: found character"), problems.get(0));
    }

    @Test
    void emptyFile() {
        assertEquals(List.of("lab.yaml:1:1: the file is empty; a topology needs at least \"lab:\""),
                Check.problems(""));
        assertEquals(List.of("lab.yaml:1:1: the file is empty; a topology needs at least \"lab:\""),
                Check.problems("# only a comment\n"));
    }

    @Test
    void secondDocument() {
        assertEquals(List.of("lab.yaml:3:1: a topology file holds one YAML document; remove the second one"),
                Check.problems("lab: x\n---\nlab: y\n"));
    }

    @Test
    void topLevelMustBeAMap() {
        assertEquals(List.of("lab.yaml:1:1: the topology must be a map of lab, api, switches, hosts, got a list"),
                Check.problems("- lab\n- x\n"));
    }

    @Test
    void aliasesAreRefused() {
        assertEquals(List.of("lab.yaml:4:6: YAML aliases (*x) are not supported; write the value out"),
                Check.problems("lab: x\nhosts:\n  a: &x {}\n  b: *x\n"));
    }

    @Test
    void unknownKeySaysWhichAreAllowedAndGuessesTheMeant() {
        assertEquals(List.of("lab.yaml:2:1: unknown key \"host\" in the topology (did you mean \"hosts\"?);"
                + " allowed: lab, api, switches, hosts"), Check.problems("lab: x\nhost: {}\n"));
        String colour = "{switch: sw, colour: red}";
        assertEquals(List.of(at(colour, "colour") + " unknown key \"colour\" in interface ns0/eth0; allowed: "
                + INTERFACE_KEYS), iface(colour));
        assertEquals(List.of("lab.yaml:3:8: unknown key \"agin\" in switch sw (did you mean \"aging\"?); allowed:"
                + " gateway, gateway-interface, netns, aging, workers, mac-table-size"),
                Check.problems("lab: x\nswitches:\n  sw: {agin: 3}\n"));
        assertEquals(List.of("lab.yaml:4:5: unknown key \"interface\" in host ns0 (did you mean \"interfaces\"?);"
                + " allowed: namespace, interfaces, routes"),
                Check.problems("lab: x\nhosts:\n  ns0:\n    interface: {}\n"));
        assertEquals(List.of(
                "lab.yaml:4:14: route 1 of host ns0 needs via:, dev: or both",
                "lab.yaml:4:28: unknown key \"gw\" in route 1 of host ns0; allowed: to, via, dev"),
                Check.problems("lab: x\nhosts:\n  ns0:\n    routes: [{to: default, gw: 10.0.0.1}]\n"));
    }

    @Test
    void missingLab() {
        assertEquals(List.of("lab.yaml:1:1: the topology needs \"lab:\""), Check.problems("hosts: {}\n"));
        assertEquals(List.of("lab.yaml:1:5: the topology needs \"lab:\""), Check.problems("lab:\nhosts: {}\n"));
    }

    @Test
    void wrongTypesSayWhatWasExpectedAndWhatCame() {
        String mtu = "{switch: sw, mtu: abc}";
        assertEquals(List.of(at(mtu, "abc") + " mtu must be a whole number, got \"abc\""), iface(mtu));
        String learning = "{switch: sw, learning: 3}";
        assertEquals(List.of(at(learning, "3") + " learning must be true or false, got \"3\""), iface(learning));
        String mac = "{switch: sw, mac: [1]}";
        assertEquals(List.of(at(mac, "[") + " mac must be a single value, got a list"), iface(mac));
        assertEquals(List.of(at("[1]", "[") + " interface ns0/eth0 must be a map of " + INTERFACE_KEYS
                + ", got a list"), iface("[1]"));
        assertEquals(List.of("lab.yaml:3:21: interfaces must be a map of interface names to their settings,"
                + " got a list"), Check.problems("lab: x\nhosts:\n  ns0: {interfaces: [eth0]}\n"));
        assertEquals(List.of("lab.yaml:3:17: routes must be a list, got a map"),
                Check.problems("lab: x\nhosts:\n  ns0: {routes: {to: default}}\n"));
        assertEquals(List.of("lab.yaml:2:11: switches must be a map of switch names to their settings, got \"sw\""),
                Check.problems("lab: x\nswitches: sw\n"));
        String map = "{switch: sw, addresses: [{a: 1}]}";
        assertEquals(List.of(at(map, "{a") + " an address must be written like 172.17.0.101/16, got a map"),
                iface(map));
    }

    @Test
    void numbersTooLargeForAnyField() {
        assertEquals(List.of("lab.yaml:3:17: workers 99999999999 is far too large"),
                Check.problems("lab: x\nswitches:\n  sw: {workers: 99999999999}\n"));
    }

    @Test
    void duplicateKeysPointAtTheFirstDefinition() {
        assertEquals(List.of("lab.yaml:4:3: duplicate key \"ns0\"; it is first defined at 3:3"),
                Check.problems("lab: x\nhosts:\n  ns0: {}\n  ns0: {}\n"));
        assertEquals(List.of("lab.yaml:3:1: duplicate key \"lab\"; it is first defined at 1:1"),
                Check.problems("lab: x\nhosts: {}\nlab: y\n"));
        String twice = "{switch: sw, mtu: 1500, switch: sw}";
        assertEquals(List.of(at(twice, "switch: sw}") + " duplicate key \"switch\"; it is first defined at 6:14"),
                iface(twice));
    }

    @Test
    void duplicateInterfacesAndSwitches() {
        assertEquals(List.of("lab.yaml:7:7: duplicate key \"eth0\"; it is first defined at 6:7"),
                Check.problems("lab: x\nswitches: {sw: {}}\nhosts:\n  ns0:\n    interfaces:\n"
                        + "      eth0: {switch: sw}\n      eth0: {switch: sw}\n"));
        assertEquals(List.of("lab.yaml:4:3: duplicate key \"sw\"; it is first defined at 3:3"),
                Check.problems("lab: x\nswitches:\n  sw: {}\n  sw: {}\n"));
    }

    @Test
    void badAddresses() {
        String octet = "{switch: sw, addresses: [10.0.0.1/24, 10.0.0.300/24]}";
        assertEquals(List.of(at(octet, "10.0.0.300") + " address \"10.0.0.300/24\" is not valid: 300 is above 255"),
                iface(octet));
        String bare = "{switch: sw, addresses: [10.0.0.2]}";
        assertEquals(List.of(at(bare, "10.") + " address \"10.0.0.2\" is not valid: it needs a prefix length, as in"
                + " 10.0.0.2/24"), iface(bare));
        String v6 = "{switch: sw, addresses: [\"2001:db8::1/129\"]}";
        assertEquals(List.of(at(v6, "\"2001") + " address \"2001:db8::1/129\" is not valid: prefix length 129 is"
                + " above 128"), iface(v6));
        assertEquals(List.of("lab.yaml:3:17: gateway \"10.0.0.1\" is not valid: it needs a prefix length, as in"
                + " 10.0.0.1/24"), Check.problems("lab: x\nswitches:\n  sw: {gateway: 10.0.0.1}\n"));
    }

    @Test
    void badRoutes() {
        String host = "lab: x\nhosts:\n  ns0:\n    routes:\n      - ";
        assertEquals(List.of("lab.yaml:5:28: via \"1.2.3\" is not an address: an IPv4 address has four numbers"
                + " separated by dots"), Check.problems(host + "{to: default, via: 1.2.3}\n"));
        assertEquals(List.of("lab.yaml:5:14: route destination \"10.0.0.0/40\" is not valid: prefix length 40 is"
                + " above 32"), Check.problems(host + "{to: 10.0.0.0/40, dev: eth0}\n"));
        assertEquals(List.of("lab.yaml:5:9: route 1 of host ns0 needs via:, dev: or both"),
                Check.problems(host + "{to: default}\n"));
        assertEquals(List.of("lab.yaml:5:9: route 1 of host ns0 needs \"to:\""),
                Check.problems(host + "{via: 10.0.0.1}\n"));
    }

    @Test
    void badMac() {
        String five = "{switch: sw, mac: \"02:00:00:00:00\"}";
        assertEquals(List.of(at(five, "\"02") + " mac \"02:00:00:00:00\" is malformed: a MAC address is six hex bytes"
                + " like 02:00:00:00:00:01"), iface(five));
        String zz = "{switch: sw, mac: \"zz:00:00:00:00:00\"}";
        assertEquals(List.of(at(zz, "\"zz") + " mac \"zz:00:00:00:00:00\" is malformed: \"zz\" is not a hex byte"),
                iface(zz));
    }

    @Test
    void badPeerReference() {
        assertEquals(List.of(at("{peer: ns1}", "ns1") + " peer of ns0/eth0 must be HOST/INTERFACE, as in"
                + " ns1/veth1; got \"ns1\""), iface("{peer: ns1}"));
        assertEquals(List.of(at("{peer: a/b/c}", "a/") + " peer of ns0/eth0 must be HOST/INTERFACE, as in"
                + " ns1/veth1; got \"a/b/c\""), iface("{peer: a/b/c}"));
    }

    @Test
    void switchAndPeerTogether() {
        String both = "{switch: sw, peer: ns1/veth1}";
        assertEquals(List.of(at(both, "ns1/") + " interface ns0/eth0 has both switch: and peer:; a veth has one far"
                + " side"), iface(both));
    }

    @Test
    void switchPortSettingsWithoutASwitch() {
        String settings = "{peer: ns1/veth1, port: p0, mac-limit: 3}";
        assertEquals(List.of(
                at(settings, "p0") + " port applies to switch ports; interface ns0/eth0 has no switch:",
                at(settings, "3}") + " mac-limit applies to switch ports; interface ns0/eth0 has no switch:"),
                iface(settings));
    }

    @Test
    void tapMistakes() {
        String unattached = "{type: tap, peer: ns1/veth1}";
        assertEquals(List.of(at(unattached, "tap") + " type tap needs switch:, the switch that reads the TAP"),
                iface(unattached));
        String port = "{switch: sw, type: tap, port: p0}";
        assertEquals(List.of(at(port, "p0") + " a tap interface has no switch-side end for port: to name"),
                iface(port));
        String tun = "{switch: sw, type: tun}";
        assertEquals(List.of(at(tun, "tun") + " type must be veth or tap, got \"tun\""), iface(tun));
    }

    @Test
    void gatewayInterfaceWithoutGateway() {
        assertEquals(List.of("lab.yaml:3:27: gateway-interface needs gateway:, the address it carries"),
                Check.problems("lab: x\nswitches:\n  sw: {gateway-interface: gw}\n"));
    }

    @Test
    void everyProblemIsReportedAtOnceInFileOrder() {
        TopologyException e = assertThrows(TopologyException.class, () -> Topologies.parse("lab.yaml", """
                lab: x
                swtiches: {}
                hosts:
                  ns0:
                    namespace: maybe
                    interfaces:
                      eth0: {peer: ns1/eth0, mtu: abc}
                  ns0: {}
                """));
        assertEquals(List.of(
                "lab.yaml:2:1: unknown key \"swtiches\" in the topology (did you mean \"switches\"?); allowed: lab,"
                        + " api, switches, hosts",
                "lab.yaml:5:16: namespace must be true or false, got \"maybe\"",
                "lab.yaml:7:35: mtu must be a whole number, got \"abc\"",
                "lab.yaml:8:3: duplicate key \"ns0\"; it is first defined at 4:3"),
                e.problems().stream().map(Problem::toString).toList());
        assertEquals(String.join("\n", e.problems().stream().map(Problem::toString).toList()), e.getMessage());
    }
}
