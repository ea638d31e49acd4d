package dev.lanyard.control.topology;

import static dev.lanyard.control.topology.Check.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Names that Linux or Lanyard refuse. */
class NameProblemTest {
    private static String withInterface(String name) {
        return "lab: x\nswitches: {sw: {}}\nhosts:\n  ns0:\n    interfaces:\n      " + name + ": {switch: sw}\n";
    }

    @Test
    void interfaceNameLongerThan15Bytes() {
        String yaml = withInterface("averyveryverylongname");
        assertEquals(List.of(at(yaml, "avery") + " interface name \"averyveryverylongname\" is 21 bytes; Linux"
                + " allows at most 15"), Check.problems(yaml));
    }

    @Test
    void interfaceNameBytesNotCharacters() {
        // 15 characters, but é takes two bytes in UTF-8.
        String yaml = withInterface("\"ethé12345678901\"");
        assertEquals(List.of(at(yaml, "\"eth") + " interface name \"ethé12345678901\" is 16 bytes; Linux allows at"
                + " most 15"), Check.problems(yaml));
        assertEquals(List.of(), Check.problems(withInterface("abcdefghijklmno")));
    }

    @Test
    void interfaceNameCharactersTheKernelRefuses() {
        String slash = withInterface("\"a/b\"");
        assertEquals(List.of(at(slash, "\"a/b\"") + " interface name \"a/b\" contains \"/\", which Linux refuses in"
                + " interface names"), Check.problems(slash));
        String colon = withInterface("\"a:b\"");
        assertEquals(List.of(at(colon, "\"a:b\"") + " interface name \"a:b\" contains \":\", which Linux refuses in"
                + " interface names"), Check.problems(colon));
        String space = withInterface("\"a b\"");
        assertEquals(List.of(at(space, "\"a b\"") + " interface name \"a b\" contains whitespace, which Linux"
                + " refuses in interface names"), Check.problems(space));
        String dots = withInterface("\"..\"");
        assertEquals(List.of(at(dots, "\"..\"") + " interface name \"..\" is not allowed: Linux refuses \".\" and"
                + " \"..\""), Check.problems(dots));
        String empty = withInterface("\"\"");
        assertEquals(List.of(at(empty, "\"\"") + " interface name is empty"), Check.problems(empty));
        String percent = withInterface("eth%d");
        assertEquals(List.of(at(percent, "eth%d") + " interface name \"eth%d\" contains \"%\", which makes Linux put"
                + " a number in its place"), Check.problems(percent));
    }

    @Test
    void loopbackNameIsTaken() {
        String yaml = withInterface("lo");
        assertEquals(List.of(at(yaml, "lo:") + " interface name \"lo\" is taken by the loopback device of every"
                + " namespace"), Check.problems(yaml));
    }

    @Test
    void portNamesFollowTheSameRules() {
        String yaml = "lab: x\nswitches: {sw: {}}\nhosts:\n  ns0:\n    interfaces:\n"
                + "      eth0: {switch: sw, port: port-name-too-long}\n";
        assertEquals(List.of(at(yaml, "port-name") + " port name \"port-name-too-long\" is 18 bytes; Linux allows at"
                + " most 15"), Check.problems(yaml));
    }

    @Test
    void gatewayNamedLikeALongSwitchSaysHowToFixIt() {
        String yaml = "lab: x\nswitches:\n  averyverylongswitch: {gateway: 10.0.0.1/24}\n";
        assertEquals(List.of(at(yaml, "10.0.0.1") + " gateway interface name \"averyverylongswitch\" is 19 bytes;"
                + " Linux allows at most 15 (it defaults to the switch name; set gateway-interface: to choose"
                + " another)"), Check.problems(yaml));
        assertEquals(List.of(), Check.problems(yaml.replace("}", ", gateway-interface: gw}")));
    }

    @Test
    void explicitGatewayInterfaceName() {
        String yaml = "lab: x\nswitches:\n  sw: {gateway: 10.0.0.1/24, gateway-interface: \"g w\"}\n";
        assertEquals(List.of(at(yaml, "\"g w\"") + " gateway interface name \"g w\" contains whitespace, which Linux"
                + " refuses in interface names"), Check.problems(yaml));
    }

    @Test
    void namespaceNames() {
        String host = "lab: x\nhosts:\n  \"bad ns\": {}\n";
        assertEquals(List.of(at(host, "\"bad") + " host name \"bad ns\" contains whitespace, which Lanyard refuses in"
                + " namespace names (it breaks \"ip netns exec\" command lines)"), Check.problems(host));
        String netns = "lab: x\nswitches:\n  sw: {netns: \"..\"}\n";
        assertEquals(List.of(at(netns, "\"..\"") + " namespace name \"..\" is not allowed: Linux refuses \".\" and"
                + " \"..\""), Check.problems(netns));
        String slash = "lab: x\nswitches:\n  \"s/w\": {}\n";
        assertEquals(List.of(at(slash, "\"s/w\"") + " switch name \"s/w\" contains \"/\", which Linux refuses in"
                + " namespace names"), Check.problems(slash));
        assertEquals(List.of(), Check.problems("lab: x\nhosts:\n  a-namespace-name-longer-than-fifteen-bytes: {}\n"));
    }

    @Test
    void labName() {
        String yaml = "lab: Docker_0\n";
        assertEquals(List.of(at(yaml, "Docker") + " lab name \"Docker_0\" must start with a lowercase letter and use"
                + " only a-z, 0-9 and \"-\" (at most 24 characters)"), Check.problems(yaml));
        assertEquals(1, Check.problems("lab: abcdefghijklmnopqrstuvwxy\n").size());
        assertEquals(List.of(), Check.problems("lab: abcdefghijklmnopqrstuvwx\n"));
        assertEquals(List.of(), Check.problems("lab: lab-2c\n"));
    }
}
