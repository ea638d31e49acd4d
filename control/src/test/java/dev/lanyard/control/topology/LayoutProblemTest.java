package dev.lanyard.control.topology;

import static dev.lanyard.control.topology.Check.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Devices of one lab colliding by name in a namespace. */
class LayoutProblemTest {
    @Test
    void portNamedLikeItsSwitchsGateway() {
        String yaml = "lab: x\nswitches:\n  sw: {gateway: 10.0.0.1/24}\nhosts:\n  ns0:\n    interfaces:\n"
                + "      eth0: {switch: sw, port: sw}\n";
        assertEquals(List.of(at(yaml, "sw}") + " port name \"sw\" of ns0/eth0 is the name of switch sw's gateway;"
                + " choose another port: or set gateway-interface:"), Check.problems(yaml));
    }

    @Test
    void twoPortsWithOneName() {
        String yaml = "lab: x\nswitches: {sw: {}, sw2: {}}\nhosts:\n  ns0:\n    interfaces:\n"
                + "      eth0: {switch: sw, port: p1}\n      eth1: {switch: sw2, port: p1}\n";
        assertEquals(List.of(at(yaml, "p1", 2) + " the name of interface \"p1\" (the switch-side end of ns0/eth1) is"
                + " already taken in the root namespace by the switch-side end of ns0/eth0"), Check.problems(yaml));
    }

    @Test
    void rootHostInterfaceNamedLikeAGatewayOfAnotherSwitch() {
        String yaml = "lab: x\nswitches:\n  sw: {}\n  sw2: {gateway: 10.1.0.1/24, gateway-interface: shared}\n"
                + "hosts:\n  root:\n    namespace: false\n    interfaces:\n      shared: {switch: sw}\n";
        assertEquals(List.of(at(yaml, "shared:") + " the name of interface root/shared is already taken in the root"
                + " namespace by switch sw2's gateway"), Check.problems(yaml));
    }

    @Test
    void portNamedLikeAnInterfaceOfARootNamespaceHost() {
        String yaml = "lab: x\nswitches: {sw: {}}\nhosts:\n  root:\n    namespace: false\n    interfaces:\n"
                + "      uplink: {switch: sw, port: p0}\n"
                + "  ns0:\n    interfaces:\n      eth0: {switch: sw, port: uplink}\n";
        assertEquals(List.of(at(yaml, "uplink}") + " the name of interface \"uplink\" (the switch-side end of"
                + " ns0/eth0) is already taken in the root namespace by root/uplink"), Check.problems(yaml));
    }

    @Test
    void portInTheSwitchNamespaceCollidingWithAHostThere() {
        String yaml = "lab: x\nswitches:\n  sw: {netns: ns0}\nhosts:\n  ns0:\n    interfaces:\n"
                + "      eth0: {switch: sw, port: eth0}\n";
        assertEquals(List.of(at(yaml, "eth0}") + " the name of interface \"eth0\" (the switch-side end of ns0/eth0) is"
                + " already taken in namespace ns0 by ns0/eth0"), Check.problems(yaml));
    }

    @Test
    void sameNamesInDifferentNamespacesAreFine() {
        assertEquals(List.of(), Check.problems("lab: x\nswitches:\n  sw: {netns: swns}\nhosts:\n"
                + "  ns0:\n    interfaces:\n      eth0: {switch: sw, port: eth0}\n"
                + "  ns1:\n    interfaces:\n      eth0: {switch: sw, port: eth1}\n"));
    }
}
