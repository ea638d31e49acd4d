package dev.lanyard.control.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopologyParserTest {
    @Test
    void appliesSwitchDefaults() {
        Switch s = Check.parse("lab: x\nswitches:\n  sw:\n").switches().get(0);
        assertEquals(new Switch("sw", null, null, null, "", 300, 1, 65536), s);
    }

    @Test
    void gatewayInterfaceIsNamedLikeTheSwitchUnlessOverridden() {
        Topology t = Check.parse("""
                lab: x
                switches:
                  sw: {gateway: 10.0.0.1/24}
                  sw2: {gateway: 10.1.0.1/24, gateway-interface: gw2, netns: swns, aging: 0, workers: 2,
                        mac-table-size: 1024}
                """);
        assertEquals("sw", t.switches().get(0).gatewayInterface());
        assertEquals(Derived.gatewayMac("x", "sw"), t.switches().get(0).gatewayMac());
        assertEquals(new Switch("sw2", Cidr.parse("10.1.0.1/24"), "gw2", Derived.gatewayMac("x", "sw2"), "swns",
                0, 2, 1024), t.switches().get(1));
    }

    @Test
    void appliesInterfaceDefaults() {
        Topology t = Check.parse("lab: x\nswitches: {sw: {}}\nhosts:\n  h:\n    interfaces:\n"
                + "      eth0: {switch: sw}\n");
        Interface i = t.hosts().get(0).interfaces().get(0);
        assertEquals(new Interface("eth0", new Attachment.SwitchPort("sw", Derived.portName("x", "h", "eth0"),
                PortType.VETH, PortSettings.DEFAULTS, Derived.portMac("x", "h", "eth0")), List.of(),
                Derived.hostMac("x", "h", "eth0"), 1500), i);
        assertTrue(t.hosts().get(0).ownNamespace());
        assertEquals("h", t.hosts().get(0).namespace());
    }

    @Test
    void readsEveryInterfaceKey() {
        Topology t = Check.parse("""
                lab: x
                switches: {sw: {}}
                hosts:
                  h:
                    interfaces:
                      eth0:
                        switch: sw
                        port: p0
                        type: veth
                        addresses: [10.0.0.2/24, "2001:db8::2/64"]
                        mac: "02:00:00:00:00:02"
                        mtu: 9000
                        learning: false
                        flood: false
                        isolated: true
                        mac-limit: 10
                      tap0: {switch: sw, type: tap, addresses: 10.0.1.2/24}
                """);
        Interface eth0 = t.hosts().get(0).interfaces().get(0);
        assertEquals(new Attachment.SwitchPort("sw", "p0", PortType.VETH, new PortSettings(false, false, true, 10),
                Derived.portMac("x", "h", "eth0")), eth0.attachment());
        assertEquals(List.of(Cidr.parse("10.0.0.2/24"), Cidr.parse("2001:db8::2/64")), eth0.addresses());
        assertEquals(MacAddress.parse("02:00:00:00:00:02"), eth0.mac());
        assertEquals(9000, eth0.mtu());
        Interface tap0 = t.hosts().get(0).interfaces().get(1);
        assertEquals(new Attachment.SwitchPort("sw", null, PortType.TAP, PortSettings.DEFAULTS, null),
                tap0.attachment());
        assertEquals(List.of(Cidr.parse("10.0.1.2/24")), tap0.addresses(), "a single address needs no list");
    }

    @Test
    void readsPeersAndTheRootNamespace() {
        Topology t = Check.parse("""
                lab: x
                hosts:
                  ns0:
                    interfaces:
                      veth0: {peer: root/veth1}
                  root:
                    namespace: false
                    interfaces:
                      veth1:
                """);
        assertEquals(new Attachment.Peer("root", "veth1"), t.hosts().get(0).interfaces().get(0).attachment());
        assertNull(t.hosts().get(1).interfaces().get(0).attachment());
        assertFalse(t.hosts().get(1).ownNamespace());
        assertEquals(Topology.ROOT_NAMESPACE, t.hosts().get(1).namespace());
    }

    @Test
    void readsRoutesWithTheFamilyOfTheGateway() {
        Topology t = Check.parse("""
                lab: x
                hosts:
                  h:
                    interfaces:
                      eth0: {peer: g/eth0, addresses: [10.0.0.2/24, "2001:db8::2/64"]}
                    routes:
                      - {to: default, via: 10.0.0.1}
                      - {to: default, via: "2001:db8::1"}
                      - {to: 10.9.0.0/16, dev: eth0}
                      - {to: 10.8.0.1, via: 10.0.0.1, dev: eth0}
                  g:
                    interfaces:
                      eth0: {addresses: [10.0.0.1/24, "2001:db8::1/64"]}
                """);
        assertEquals(List.of(
                new Route(Cidr.parse("0.0.0.0/0"), IpAddress.parse("10.0.0.1"), null),
                new Route(Cidr.parse("::/0"), IpAddress.parse("2001:db8::1"), null),
                new Route(Cidr.parse("10.9.0.0/16"), null, "eth0"),
                new Route(Cidr.parse("10.8.0.1/32"), IpAddress.parse("10.0.0.1"), "eth0")),
                t.hosts().get(0).routes());
        assertEquals("default via 2001:db8::1", t.hosts().get(0).routes().get(1).render());
    }

    @Test
    void keepsFileOrder() {
        Topology t = Check.parse("lab: x\nhosts:\n  zz: {}\n  aa: {}\n  mm: {}\n");
        assertEquals(List.of("zz", "aa", "mm"), t.hosts().stream().map(Host::name).toList());
    }

    @Test
    void remembersWhereEachElementIs() {
        Topology t = Check.parse("""
                lab: x
                switches: {sw: {}}
                hosts:
                  ns0:
                    interfaces:
                      eth0:
                        switch: sw
                        addresses: [10.0.0.1/24, 10.0.0.2/24]
                """);
        Source s = t.source();
        assertEquals("lab.yaml:4:3", s.at("hosts/ns0").toString());
        assertEquals("lab.yaml:6:7", s.at("hosts/ns0/interfaces/eth0").toString());
        assertEquals("lab.yaml:7:17", s.at("hosts/ns0/interfaces/eth0/switch").toString());
        assertEquals("lab.yaml:8:34", s.at("hosts/ns0/interfaces/eth0/addresses/1").toString());
        assertEquals("lab.yaml:6:7", s.at("hosts/ns0/interfaces/eth0/port").toString(), "derived: the interface");
        assertEquals("lab.yaml:6:7", s.at("hosts/ns0/interfaces/eth0/no/such/thing").toString());
        assertEquals("lab.yaml:1:1", s.at("nothing").toString());
    }

    @Test
    void hashIgnoresCommentsAndFormattingButNotContent() {
        Topology a = Check.parse("lab: x\nhosts:\n  ns0: {}\n");
        Topology b = Check.parse("# a comment\nlab: x\n\nhosts:\n  ns0:\n    namespace: true\n");
        Topology c = Check.parse("lab: x\nhosts:\n  ns1: {}\n");
        assertEquals(Topologies.hash(a), Topologies.hash(b));
        assertFalse(Topologies.hash(a).equals(Topologies.hash(c)));
        assertEquals(64, Topologies.hash(a).length());
    }
}
