package dev.lanyard.control.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanyard.control.api.ApiClient;
import dev.lanyard.dataplane.lab.Cmd;
import dev.lanyard.dataplane.lab.HandLab;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A host's namespace, or the switch-side end of a host's veth, deleted under a running switch and then made again by
 * hand: the port goes missing and comes back by itself, and the other hosts never notice.
 */
@Tag("netns")
class VanishingLinksTest {
    @Test
    void aPortWhoseHostVanishesGoesMissingAndComesBackWithItsLink() throws Exception {
        vanishAndReturn(true);
    }

    @Test
    void aPortWhoseSwitchSideEndIsDeletedGoesMissingAndComesBackWhenTheLinkIsMadeAgain() throws Exception {
        vanishAndReturn(false);
    }

    /**
     * ns2's link goes away under the running switch (its whole namespace, or the switch-side end, which takes the
     * other end with it) while ns0 pings ns1; then the link is made again by hand.
     */
    private static void vanishAndReturn(boolean wholeNamespace) throws Exception {
        Assumptions.assumeTrue(HandLab.canCreateNamespaces(), "needs root to create network namespaces");
        try (TestLab t = TestLab.of("lab3-docker0.yaml", "ns0", "ns1", "ns2", "docker0")) {
            t.up();
            ApiClient api = new ApiClient(new LabPaths(t.stateDir).socket(t.lab));
            String port = "/v1/switches/" + t.n("docker0") + "/ports/" + t.portFacing("ns2");
            String portOfNs2 = t.portFacing("ns2");
            Cmd.Running ping = Cmd.start("ip", "netns", "exec", t.n("ns0"), "ping", "-q", "-c", "40", "-i", "0.05",
                    "-W", "1", "172.17.0.102");
            if (wholeNamespace) {
                Cmd.check("ip", "netns", "del", t.n("ns2"));
            } else {
                Cmd.check("ip", "link", "del", portOfNs2);
            }
            assertEquals("missing", awaitState(api, port, "missing"), "the port is reported gone");

            if (wholeNamespace) {
                Cmd.check("ip", "netns", "add", t.n("ns2"));
            }
            Cmd.check("ip", "link", "add", "eth0", "netns", t.n("ns2"), "type", "veth", "peer", "name", portOfNs2);
            Cmd.check("ip", "-n", t.n("ns2"), "addr", "add", "172.17.0.103/16", "dev", "eth0");
            Cmd.check("ip", "-n", t.n("ns2"), "link", "set", "eth0", "up");
            Cmd.check("ip", "link", "set", portOfNs2, "up");
            assertEquals("forwarding", awaitState(api, port, "forwarding"), "it comes back");
            assertTrue(t.ping("ns2", "172.17.0.101"), "and forwards");

            Cmd.Result r = ping.await(20);
            assertTrue(r.out().contains(" 0% packet loss"), "ns0 -> ns1 never noticed: " + r.out());
        }
    }

    private static String awaitState(ApiClient api, String path, String want) throws Exception {
        long deadline = System.currentTimeMillis() + 5_000;
        String state = "";
        while (System.currentTimeMillis() < deadline) {
            state = api.require("GET", path, null).path("state").asText();
            if (state.equals(want)) {
                break;
            }
            Thread.sleep(20);
        }
        return state;
    }
}
