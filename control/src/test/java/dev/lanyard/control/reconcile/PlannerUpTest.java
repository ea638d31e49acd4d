package dev.lanyard.control.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanyard.control.topology.Cidr;
import dev.lanyard.control.topology.Derived;
import dev.lanyard.control.topology.IpAddress;
import dev.lanyard.control.topology.LinkKind;
import dev.lanyard.control.topology.Route;
import dev.lanyard.control.topology.Topologies;
import dev.lanyard.control.topology.Topology;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlannerUpTest {
    private final FakeSystem system = new FakeSystem();

    private Plan up(Topology t, Applier applier) {
        return Planner.up(t, system.observe(), applier.record());
    }

    private Applier built(Topology t) {
        Applier applier = new Applier(system, LabRecord.empty(t.lab()));
        applier.run(up(t, applier));
        return applier;
    }

    @Test
    void freshSystemGetsNamespacesThenLinksWithAddressesAndUp() {
        Topology t = Labs.parse(Labs.LAB2);
        Plan plan = Planner.up(t, system.observe(), LabRecord.empty("lab2"));
        String expected = String.join("\n",
                "ip netns add ns0",
                "ip -n ns0 link set dev lo up",
                "ip netns add ns1",
                "ip -n ns1 link set dev lo up",
                "ip link add veth0 netns ns0 address " + Derived.hostMac("lab2", "ns0", "veth0")
                        + " mtu 1500 type veth peer name veth1 netns ns1 address "
                        + Derived.hostMac("lab2", "ns1", "veth1") + " mtu 1500",
                "ip -n ns0 address add 192.168.1.1/24 dev veth0",
                "ip -n ns0 link set dev veth0 up",
                "ip -n ns1 address add 192.168.1.2/24 dev veth1",
                "ip -n ns1 link set dev veth1 up");
        assertEquals(expected, plan.render());
    }

    @Test
    void defaultLabCreatesGatewayTapAndOneVethPerHost() {
        Topology t = Topologies.defaultLab();
        Plan plan = Planner.up(t, system.observe(), LabRecord.empty("docker0"));
        long veths = plan.actions().stream().filter(a -> a instanceof Action.CreateVeth).count();
        assertEquals(3, veths);
        String port = Derived.portName("docker0", "ns1", "eth0");
        assertTrue(plan.render().contains("ip tuntap add dev docker0 mode tap && ip link set dev docker0 address "
                + Derived.gatewayMac("docker0", "docker0") + " mtu 1500\nip address add 172.17.0.1/16 dev docker0\n"
                + "ip link set dev docker0 up\n"), plan.render());
        assertTrue(plan.render().contains("ip link add eth0 netns ns1 address " + Derived.hostMac("docker0", "ns1",
                "eth0") + " mtu 1500 type veth peer name " + port + " address "
                + Derived.portMac("docker0", "ns1", "eth0") + " mtu 1500\n"), plan.render());
        assertTrue(plan.render().contains("ip link set dev " + port + " up"), plan.render());
    }

    @Test
    void secondUpChangesNothing() {
        Topology t = Topologies.defaultLab();
        Applier applier = built(t);
        assertEquals("", up(t, applier).render());
    }

    @Test
    void secondUpChangesNothingForLabsWithRoutesAndTheRootNamespace() {
        Topology t = Labs.parse("""
                lab: mixed
                switches:
                  sw: {gateway: 10.9.0.1/24, netns: swns}
                hosts:
                  h1:
                    interfaces:
                      eth0: {switch: sw, addresses: [10.9.0.2/24, 2001:db8::2/64], mtu: 9000}
                      tap0: {switch: sw, type: tap, addresses: [10.9.0.3/24]}
                    routes:
                      - {to: default, via: 10.9.0.1}
                      - {to: "2001:db8:1::/48", via: "2001:db8::1"}
                  root:
                    namespace: false
                    interfaces:
                      rveth: {peer: h1/hveth, addresses: [10.8.0.1/30]}
                    routes:
                      - {to: 10.77.0.0/16, via: 10.8.0.2}
                  h1b:
                    interfaces:
                      hveth: {addresses: [10.8.0.2/30]}
                """.replace("h1/hveth", "h1b/hveth"));
        Applier applier = built(t);
        assertEquals("", up(t, applier).render());
        assertTrue(system.has("swns", "sw"), "gateway TAP lives in the switch namespace");
    }

    @Test
    void replanAfterACrashAtEveryStepIsTheRestOfThePlan() {
        Topology t = Topologies.defaultLab();
        Plan full = Planner.up(t, new FakeSystem().observe(), LabRecord.empty("docker0"));
        for (int crashAt = 0; crashAt < full.actions().size(); crashAt++) {
            FakeSystem fresh = new FakeSystem();
            Applier applier = new Applier(fresh, LabRecord.empty("docker0"));
            applier.runUntil(full, crashAt);
            Plan rest = Planner.up(t, fresh.observe(), applier.record());
            assertEquals(full.actions().subList(crashAt, full.actions().size()), rest.actions(),
                    "crash before action " + crashAt);
            applier.run(rest);
            assertEquals(List.of(), Planner.up(t, fresh.observe(), applier.record()).actions());
        }
    }

    @Test
    void changedAddressIsReplaced() {
        Applier applier = built(Topologies.defaultLab());
        Topology changed = Labs.defaultLabWith("172.17.0.101/16", "172.17.0.111/16");
        assertEquals("ip -n ns0 address delete 172.17.0.101/16 dev eth0\n"
                + "ip -n ns0 address add 172.17.0.111/16 dev eth0", up(changed, applier).render());
    }

    @Test
    void changedMtuIsSetOnBothEndsOfTheVeth() {
        Applier applier = built(Topologies.defaultLab());
        Topology changed = Labs.defaultLabWith("addresses: [172.17.0.102/16]",
                "addresses: [172.17.0.102/16], mtu: 9000");
        assertEquals("ip -n ns1 link set dev eth0 mtu 9000\n"
                + "ip link set dev " + Derived.portName("docker0", "ns1", "eth0") + " mtu 9000",
                up(changed, applier).render());
    }

    @Test
    void changedMacIsSet() {
        Applier applier = built(Topologies.defaultLab());
        Topology changed = Labs.defaultLabWith("addresses: [172.17.0.103/16]",
                "addresses: [172.17.0.103/16], mac: \"02:00:00:00:00:03\"");
        assertEquals("ip -n ns2 link set dev eth0 address 02:00:00:00:00:03", up(changed, applier).render());
    }

    @Test
    void removedHostTakesItsNamespaceAndNothingElse() {
        Topology t = Topologies.defaultLab();
        Applier applier = built(t);
        Topology smaller = Labs.parse(Labs.DEFAULT_TEXT.substring(0, Labs.DEFAULT_TEXT.indexOf("  ns2:")));
        Plan plan = up(smaller, applier);
        assertEquals("ip netns delete ns2", plan.render());
        applier.run(plan);
        String port = Derived.portName("docker0", "ns2", "eth0");
        assertTrue(!system.has("", port), "the veth went with the namespace");
        assertEquals(2, applier.record().links().stream().filter(l -> l.kind().name().equals("VETH")).count());
        assertEquals(List.of("ns0", "ns1"), applier.record().namespaces());
        assertEquals("", up(smaller, applier).render());
    }

    @Test
    void linkNoLongerInTheFileIsDeleted() {
        Topology two = Labs.parse(Labs.LAB2.replace("veth1: {addresses: [192.168.1.2/24]}",
                "veth1: {addresses: [192.168.1.2/24]}\n      tap0: {switch: sw, type: tap}")
                + "switches:\n  sw: {}\n");
        Applier applier = built(two);
        Topology one = Labs.parse(Labs.LAB2 + "switches:\n  sw: {}\n");
        assertEquals("ip -n ns1 link delete dev tap0", up(one, applier).render());
    }

    @Test
    void renamedPortIsDeletedAndCreatedAgain() {
        Topology t = Topologies.defaultLab();
        Applier applier = built(t);
        Topology renamed = Labs.defaultLabWith("eth0: {switch: docker0, addresses: [172.17.0.101/16]}",
                "eth0: {switch: docker0, port: p0, addresses: [172.17.0.101/16]}");
        List<Action> actions = up(renamed, applier).actions();
        assertEquals(new Action.DeleteLink("ns0", "eth0"), actions.get(0));
        assertTrue(actions.get(1) instanceof Action.CreateVeth v && v.b().name().equals("p0"), actions.toString());
        applier.run(new Plan(actions));
        assertEquals("", up(renamed, applier).render());
    }

    @Test
    void deadRecordEntrySharingANameWithALiveLinkChangesNothing() {
        // A crash between deleting eth0 = vethold and saving the record leaves that entry behind; the next up
        // created eth0 anew with another peer. Both entries are in the record now, only the second exists.
        Topology t = Topologies.defaultLab();
        Applier applier = built(t);
        LabRecord record = applier.record().intending(new Action.CreateVeth(
                new LinkEnd("ns0", "eth0", Derived.hostMac("docker0", "ns0", "eth0"), 1500),
                new LinkEnd("", "vethold", Derived.portMac("docker0", "ns0", "eth0"), 1500)));
        assertEquals("", Planner.up(t, system.observe(), record).render());
    }

    @Test
    void unwantedDeviceClaimedByTwoRecordsIsDeletedOnce() {
        Topology t = Labs.parse("lab: x\nhosts:\n  ns0: {}\n");
        LabRecord record = new LabRecord(LabRecord.VERSION, "x", null, null, List.of("ns0"), List.of(
                new RecordedLink(LinkKind.VETH, "", "va", "", "vold"),
                new RecordedLink(LinkKind.VETH, "", "va", "", "vnew")));
        ObservedLink lo = new ObservedLink("lo", null, null, null, null, 65536, true, List.of());
        ObservedLink va = new ObservedLink("va", "veth", null, null, null, 1500, true, List.of());
        ObservedState observed = ObservedState.of(new ObservedNamespace(List.of(va), List.of()),
                Map.of("ns0", new ObservedNamespace(List.of(lo), List.of())));
        assertEquals("ip link delete dev va", Planner.up(t, observed, record).render());
    }

    @Test
    void loopbackThatWentDownIsBroughtUp() {
        Topology t = Labs.parse("lab: lab1\nhosts:\n  ns0: {}\n");
        Applier applier = built(t);
        system.dev("ns0", "lo").up = false;
        assertEquals("ip -n ns0 link set dev lo up", up(t, applier).render());
    }

    @Test
    void addressesAddedByHandInALabNamespaceAreRemovedButLinkLocalOnesStay() {
        Applier applier = built(Topologies.defaultLab());
        system.dev("ns0", "eth0").addresses.add(Cidr.parse("10.99.0.1/8"));
        assertEquals("ip -n ns0 address delete 10.99.0.1/8 dev eth0", up(Topologies.defaultLab(), applier).render());
    }

    @Test
    void routesAddedByHandAreRemovedInLabNamespacesButNotInTheRootNamespace() {
        Topology t = Topologies.defaultLab();
        Applier applier = built(t);
        Route stray = new Route(Cidr.parse("10.50.0.0/16"), IpAddress.parse("172.17.0.1"), null);
        system.addRoute("ns0", stray);
        system.addRoute("", new Route(Cidr.parse("10.60.0.0/16"), IpAddress.parse("172.17.0.102"), null));
        assertEquals("ip -n ns0 route delete 10.50.0.0/16 via 172.17.0.1 dev eth0", up(t, applier).render());
    }

    @Test
    void removedRouteIsDeletedAndNewOneAdded() {
        Topology withRoute = Labs.defaultLabWith("addresses: [172.17.0.101/16]}",
                "addresses: [172.17.0.101/16]}\n    routes: [{to: default, via: 172.17.0.1}]");
        Applier applier = built(withRoute);
        Topology other = Labs.defaultLabWith("addresses: [172.17.0.101/16]}",
                "addresses: [172.17.0.101/16]}\n    routes: [{to: 10.0.0.0/8, via: 172.17.0.2}]");
        assertEquals("ip -n ns0 route delete default via 172.17.0.1 dev eth0\n"
                + "ip -n ns0 route add 10.0.0.0/8 via 172.17.0.2", up(other, applier).render());
    }

    @Test
    void leftoverHalfOfAVethIsReplaced() {
        Topology t = Labs.parse(Labs.LAB2);
        Applier applier = built(t);
        // An observation that saw one end only, as after an interrupted move of a peer.
        FakeSystem.Dev veth1 = system.dev("ns1", "veth1");
        ObservedState o = system.observe();
        ObservedNamespace ns1 = new ObservedNamespace(o.namespace("ns1").orElseThrow().links().stream()
                .filter(l -> !l.name().equals(veth1.name)).toList(), List.of());
        Map<String, ObservedNamespace> all = new HashMap<>(o.namespaces());
        all.put("ns1", ns1);
        List<Action> actions = Planner.up(t, new ObservedState(all), applier.record()).actions();
        assertEquals(new Action.DeleteLink("ns0", "veth0"), actions.get(0));
        assertTrue(actions.get(1) instanceof Action.CreateVeth, actions.toString());
    }
}
