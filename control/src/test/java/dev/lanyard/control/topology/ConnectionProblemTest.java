package dev.lanyard.control.topology;

import static dev.lanyard.control.topology.Check.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** References between interfaces, hosts and switches. */
class ConnectionProblemTest {
    private static final String HEAD = "lab: x\nswitches: {docker0: {}}\nhosts:\n";

    @Test
    void unknownSwitchWithAGuess() {
        String yaml = HEAD + "  ns0:\n    interfaces:\n      eth0: {switch: dokcer0}\n";
        assertEquals(List.of(at(yaml, "dokcer0") + " interface ns0/eth0 refers to unknown switch \"dokcer0\" (did you"
                + " mean \"docker0\"?)"), Check.problems(yaml));
    }

    @Test
    void peerOnUnknownHost() {
        String yaml = HEAD + "  ns0:\n    interfaces:\n      veth0: {peer: ns9/veth1}\n";
        assertEquals(List.of(at(yaml, "ns9") + " peer \"ns9/veth1\" of ns0/veth0 refers to unknown host \"ns9\" (did"
                + " you mean \"ns0\"?)"), Check.problems(yaml));
    }

    @Test
    void peerOnUnknownInterface() {
        String yaml = HEAD + "  ns0:\n    interfaces:\n      veth0: {peer: ns1/vth1}\n"
                + "  ns1:\n    interfaces:\n      veth1: {}\n";
        assertEquals(List.of(
                at(yaml, "ns1/vth1") + " peer \"ns1/vth1\" of ns0/veth0 refers to unknown interface \"vth1\" of host"
                        + " ns1 (did you mean \"veth1\"?)",
                at(yaml, "veth1: {}") + " interface ns1/veth1 is connected to nothing; give it switch: or peer:, or"
                        + " name it as another interface's peer"), Check.problems(yaml));
    }

    @Test
    void ownPeer() {
        String yaml = HEAD + "  ns0:\n    interfaces:\n      veth0: {peer: ns0/veth0}\n";
        assertEquals(List.of(at(yaml, "ns0/veth0") + " interface ns0/veth0 cannot be its own peer"),
                Check.problems(yaml));
    }

    @Test
    void peerThatIsASwitchPortIsUsedTwice() {
        String yaml = HEAD + "  ns0:\n    interfaces:\n      veth0: {peer: ns1/eth0}\n"
                + "  ns1:\n    interfaces:\n      eth0: {switch: docker0}\n";
        assertEquals(List.of(at(yaml, "ns1/eth0") + " peer \"ns1/eth0\" of ns0/veth0 is already connected to switch"
                + " docker0"), Check.problems(yaml));
    }

    @Test
    void peerNamedByTwoInterfacesIsUsedTwice() {
        String yaml = HEAD + "  ns0:\n    interfaces:\n      a: {peer: ns1/x}\n      b: {peer: ns1/x}\n"
                + "  ns1:\n    interfaces:\n      x: {}\n";
        assertEquals(List.of(at(yaml, "ns1/x", 2) + " interface ns1/x is already the peer of ns0/a; a veth pair has"
                + " two ends"), Check.problems(yaml));
    }

    @Test
    void asymmetricPeers() {
        String yaml = HEAD + "  ns0:\n    interfaces:\n      a: {peer: ns1/x}\n"
                + "  ns1:\n    interfaces:\n      x: {peer: ns1/y}\n      y: {}\n";
        assertEquals(List.of(at(yaml, "ns1/y") + " asymmetric peers: ns0/a names ns1/x as its peer, but ns1/x names"
                + " ns1/y"), Check.problems(yaml));
    }

    @Test
    void peersDeclaredOnBothSidesConsistentlyAreFine() {
        assertEquals(List.of(), Check.problems(HEAD + "  ns0:\n    interfaces:\n      a: {peer: ns1/x}\n"
                + "  ns1:\n    interfaces:\n      x: {peer: ns0/a}\n"));
    }

    @Test
    void interfaceConnectedToNothing() {
        String yaml = HEAD + "  ns0:\n    interfaces:\n      lonely: {addresses: [10.0.0.1/24]}\n";
        assertEquals(List.of(at(yaml, "lonely") + " interface ns0/lonely is connected to nothing; give it switch: or"
                + " peer:, or name it as another interface's peer"), Check.problems(yaml));
    }
}
