package dev.lanyard.control.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class LayoutTest {
    private static final Topology LAB = Check.parse("""
            lab: x
            switches:
              sw: {gateway: 10.0.0.1/24, netns: swns}
            hosts:
              h1:
                interfaces:
                  eth0: {switch: sw, port: p1, addresses: [10.0.0.2/24], isolated: true}
                  tap0: {switch: sw, type: tap}
                  v0: {addresses: [10.9.0.1/30]}
              h2:
                interfaces:
                  v1: {peer: h1/v0, addresses: [10.9.0.2/30]}
            """);

    @Test
    void namespacesAreTheHostsThenTheSwitchNamespaces() {
        assertEquals(List.of("h1", "h2", "swns"), Layout.of(LAB).namespaceNames());
    }

    @Test
    void portsOfASwitchAreItsGatewayThenTheHostsLinks() {
        List<Layout.Link> ports = Layout.of(LAB).portsOf("sw");
        assertEquals(List.of("swns/sw", "swns/p1", "h1/tap0"),
                ports.stream().map(l -> l.portDevice().namespace() + "/" + l.portDevice().name()).toList());
        assertNull(ports.get(0).settings(), "the gateway is an internal port");
        assertEquals(new PortSettings(true, true, true, 0), ports.get(1).settings());
        assertEquals(LinkKind.TAP, ports.get(2).kind());
    }

    @Test
    void peerPairStartsAtTheDeclaringSide() {
        Layout.Link veth = Layout.of(LAB).links().get(3);
        assertEquals("h2/v1", veth.a().label());
        assertEquals("h1/v0", veth.b().label());
        assertNull(veth.switchName());
        assertNull(veth.portDevice());
        assertEquals(List.of(Cidr.parse("10.9.0.1/30")), veth.b().addresses());
    }

    @Test
    void switchSideEndsTakeTheMtuOfTheHostSide() {
        Topology t = Check.parse("lab: x\nswitches: {sw: {}}\nhosts:\n  h:\n    interfaces:\n"
                + "      eth0: {switch: sw, mtu: 9000}\n");
        Layout.Link link = Layout.of(t).links().get(0);
        assertEquals(9000, link.a().mtu());
        assertEquals(9000, link.b().mtu());
        assertEquals(Layout.Role.PORT, link.b().role());
        assertEquals(Derived.portMac("x", "h", "eth0"), link.b().mac());
    }
}
