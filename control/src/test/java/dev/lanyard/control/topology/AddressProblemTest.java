package dev.lanyard.control.topology;

import static dev.lanyard.control.topology.Check.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Addresses used twice and routes that cannot work. */
class AddressProblemTest {
    /** A host ns0 with eth0 at 10.0.0.2/24 and 2001:db8::2/64 on switch sw (gateway 10.0.0.1/24), and routes. */
    private static String withRoutes(String... routes) {
        StringBuilder yaml = new StringBuilder("lab: x\nswitches:\n  sw: {gateway: 10.0.0.1/24}\nhosts:\n  ns0:\n"
                + "    interfaces:\n      eth0: {switch: sw, addresses: [10.0.0.2/24, \"2001:db8::2/64\"]}\n"
                + "    routes:\n");
        for (String r : routes) {
            yaml.append("      - ").append(r).append('\n');
        }
        return yaml.toString();
    }

    @Test
    void addressUsedTwice() {
        String yaml = "lab: x\nswitches:\n  sw: {}\nhosts:\n"
                + "  ns0:\n    interfaces:\n      eth0: {switch: sw, addresses: [10.0.0.2/24]}\n"
                + "  ns1:\n    interfaces:\n      eth0: {switch: sw, addresses: [10.0.0.3/24, 10.0.0.2/16]}\n";
        assertEquals(List.of(at(yaml, "10.0.0.2/16") + " address 10.0.0.2 is already used by ns0/eth0"),
                Check.problems(yaml));
    }

    @Test
    void addressOfTheGatewayUsedAgain() {
        String yaml = "lab: x\nswitches:\n  sw: {gateway: 172.17.0.1/16}\nhosts:\n"
                + "  ns0:\n    interfaces:\n      eth0: {switch: sw, addresses: [172.17.0.1/16]}\n";
        assertEquals(List.of(at(yaml, "172.17.0.1/16]") + " address 172.17.0.1 is already used by switch sw's"
                + " gateway"), Check.problems(yaml));
    }

    @Test
    void reachableGatewaysAreFine() {
        assertEquals(List.of(), Check.problems(withRoutes("{to: default, via: 10.0.0.1}",
                "{to: \"2001:db8:1::/48\", via: \"2001:db8::1\"}", "{to: 10.9.0.0/16, dev: eth0}",
                "{to: \"::/0\", via: \"fe80::1\", dev: eth0}", "{to: 10.8.0.0/16, via: 10.0.0.1, dev: eth0}")));
    }

    @Test
    void gatewayOutsideEverySubnetOfTheHost() {
        String yaml = withRoutes("{to: default, via: 10.1.0.1}");
        assertEquals(List.of(at(yaml, "10.1.0.1") + " gateway 10.1.0.1 is not reachable: no address of host ns0 is in"
                + " its subnet"), Check.problems(yaml));
    }

    @Test
    void gatewayOutsideTheSubnetOfTheGivenDevice() {
        String yaml = "lab: x\nswitches:\n  sw: {}\nhosts:\n  ns0:\n    interfaces:\n"
                + "      eth0: {switch: sw, addresses: [10.0.0.2/24]}\n"
                + "      eth1: {switch: sw, addresses: [10.1.0.2/24]}\n"
                + "    routes:\n      - {to: 10.9.0.0/16, via: 10.0.0.1, dev: eth1}\n";
        assertEquals(List.of(at(yaml, "10.0.0.1") + " gateway 10.0.0.1 is not reachable: no address of ns0/eth1 is in"
                + " its subnet"), Check.problems(yaml));
    }

    @Test
    void gatewayThatIsTheHostItself() {
        String yaml = withRoutes("{to: 10.9.0.0/16, via: 10.0.0.2}");
        assertEquals(List.of(at(yaml, "10.0.0.2}") + " gateway 10.0.0.2 is an address of ns0/eth0 itself"),
                Check.problems(yaml));
    }

    @Test
    void destinationWithHostBits() {
        String yaml = withRoutes("{to: 10.5.0.0/8, via: 10.0.0.1}");
        assertEquals(List.of(at(yaml, "10.5.0.0") + " route destination 10.5.0.0/8 has host bits set; did you mean"
                + " 10.0.0.0/8?"), Check.problems(yaml));
    }

    @Test
    void sameDestinationTwice() {
        String yaml = withRoutes("{to: default, via: 10.0.0.1}", "{to: 0.0.0.0/0, via: 10.0.0.3}");
        assertEquals(List.of(at(yaml, "0.0.0.0/0") + " a route to default is already declared at "
                + at(yaml, "{to: default").substring("lab.yaml:".length()).replaceAll(":$", "")),
                Check.problems(yaml));
    }

    @Test
    void familiesMixed() {
        String yaml = withRoutes("{to: 10.6.0.0/16, via: \"2001:db8::1\"}");
        assertEquals(List.of(at(yaml, "\"2001:db8::1\"}") + " route to 10.6.0.0/16 via 2001:db8::1 mixes IPv4 and"
                + " IPv6"), Check.problems(yaml));
    }

    @Test
    void linkLocalGatewayNeedsADevice() {
        String yaml = withRoutes("{to: \"2001:db8:5::/48\", via: \"fe80::1\"}");
        assertEquals(List.of(at(yaml, "\"fe80") + " gateway fe80::1 is link-local; add dev: to say which link it is"
                + " on"), Check.problems(yaml));
    }

    @Test
    void unknownDevice() {
        String yaml = withRoutes("{to: 10.7.0.0/16, dev: eth9}");
        assertEquals(List.of(at(yaml, "eth9") + " route dev \"eth9\" is not an interface of host ns0 (did you mean"
                + " \"eth0\"?)"), Check.problems(yaml));
    }

    @Test
    void defaultRouteInTheRootNamespace() {
        String yaml = "lab: x\nhosts:\n  ns0:\n    interfaces:\n      v0: {peer: root/v1, addresses: [10.0.0.2/24]}\n"
                + "  root:\n    namespace: false\n    interfaces:\n      v1: {addresses: [10.0.0.1/24]}\n"
                + "    routes:\n      - {to: default, via: 10.0.0.2}\n      - {to: 10.50.0.0/16, via: 10.0.0.2}\n";
        assertEquals(List.of(at(yaml, "default") + " host root is the root namespace, where a default route would"
                + " replace the machine's own"), Check.problems(yaml));
    }
}
