package dev.lanyard.control.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanyard.control.topology.Derived;
import dev.lanyard.control.topology.LinkKind;
import dev.lanyard.control.topology.MacAddress;
import dev.lanyard.control.topology.Topologies;
import dev.lanyard.control.topology.Topology;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlannerDownTest {
    private final FakeSystem system = new FakeSystem();

    private Applier built(Topology t) {
        Applier applier = new Applier(system, LabRecord.empty(t.lab()));
        applier.run(Planner.up(t, system.observe(), applier.record()));
        return applier;
    }

    @Test
    void downOnAnEmptyRecordIsEmpty() {
        assertTrue(Planner.down(LabRecord.empty("docker0"), system.observe()).isEmpty());
    }

    @Test
    void downDeletesRootLinksThenNamespacesAndNotTheLinksInsideThem() {
        Applier applier = built(Topologies.defaultLab());
        assertEquals(String.join("\n",
                "ip link delete dev docker0",
                "ip netns delete ns0",
                "ip netns delete ns1",
                "ip netns delete ns2"), Planner.down(applier.record(), system.observe()).render());
    }

    @Test
    void downLeavesTheSystemAsItWasAndTheRecordEmpty() {
        ObservedState before = system.observe();
        Applier applier = built(Topologies.defaultLab());
        applier.run(Planner.down(applier.record(), system.observe()));
        assertEquals(before, system.observe());
        assertTrue(applier.record().ownsNothing(), applier.record().toString());
    }

    @Test
    void downDeletesAVethBetweenARootHostAndItsPeerOnlyThroughTheNamespace() {
        Topology t = Labs.parse("""
                lab: lab2c
                hosts:
                  ns0:
                    interfaces:
                      veth0: {peer: root/veth1, addresses: [10.1.1.1/24]}
                  root:
                    namespace: false
                    interfaces:
                      veth1: {addresses: [10.1.1.2/24]}
                """);
        Applier applier = built(t);
        assertEquals("ip netns delete ns0", Planner.down(applier.record(), system.observe()).render());
    }

    @Test
    void downDeletesAVethWithBothEndsInTheRootNamespace() {
        Topology t = Labs.parse("""
                lab: roots
                hosts:
                  root:
                    namespace: false
                    interfaces:
                      ra: {peer: root/rb}
                      rb: {}
                """);
        Applier applier = built(t);
        assertEquals("ip link delete dev ra", Planner.down(applier.record(), system.observe()).render());
    }

    @Test
    void downLeavesLookalikesAlone() {
        // The lab recorded the intent to create these, then crashed; somebody else has made devices of those names.
        LabRecord record = LabRecord.empty("x")
                .intending(new Action.CreateTap("", "docker0", Derived.gatewayMac("x", "docker0"), 1500))
                .intending(new Action.CreateVeth(new LinkEnd("", "va", MacAddress.parse("02:00:00:00:00:01"), 1500),
                        new LinkEnd("", "vb", MacAddress.parse("02:00:00:00:00:02"), 1500)));
        system.add("", new FakeSystem.Dev("docker0", "bridge", MacAddress.parse("02:42:00:00:00:01"), 1500));
        FakeSystem.Dev va = system.add("", new FakeSystem.Dev("va", "veth", MacAddress.parse("02:00:00:00:00:09"),
                1500));
        FakeSystem.Dev vc = system.add("", new FakeSystem.Dev("vc", "veth", MacAddress.parse("02:00:00:00:00:0a"),
                1500));
        va.peerNamespace = "";
        va.peerName = "vc";
        vc.peerNamespace = "";
        vc.peerName = "va";
        assertTrue(Planner.down(record, system.observe()).isEmpty());
    }

    @Test
    void downAfterACrashFinishesTheJob() {
        Topology t = Topologies.defaultLab();
        Plan full = Planner.up(t, new FakeSystem().observe(), LabRecord.empty("docker0"));
        ObservedState pristine = new FakeSystem().observe();
        for (int crashAt = 0; crashAt < full.actions().size(); crashAt++) {
            FakeSystem fresh = new FakeSystem();
            Applier applier = new Applier(fresh, LabRecord.empty("docker0"));
            applier.runUntil(full, crashAt);
            applier.run(Planner.down(applier.record(), fresh.observe()));
            assertEquals(pristine, fresh.observe(), "crash before action " + crashAt);
            assertTrue(applier.record().prunedTo(fresh.observe()).ownsNothing(), "crash before action " + crashAt);
        }
    }

    @Test
    void downAfterACrashDuringDownFinishesTheJob() {
        Applier applier = built(Topologies.defaultLab());
        Plan down = Planner.down(applier.record(), system.observe());
        applier.runUntil(down, 2);
        Plan rest = Planner.down(applier.record(), system.observe());
        assertEquals(down.actions().subList(2, down.actions().size()), rest.actions());
    }

    @Test
    void deviceClaimedByTwoRecordsIsDeletedOnce() {
        // The system does not report the peer, so both records recognise the veth "va" as theirs.
        LabRecord record = new LabRecord(LabRecord.VERSION, "x", null, null, List.of(), List.of(
                new RecordedLink(LinkKind.VETH, "", "va", "", "vold"),
                new RecordedLink(LinkKind.VETH, "", "va", "", "vnew")));
        ObservedLink va = new ObservedLink("va", "veth", null, null, null, 1500, true, List.of());
        ObservedState observed = ObservedState.of(new ObservedNamespace(List.of(va), List.of()), Map.of());
        assertEquals("ip link delete dev va", Planner.down(record, observed).render());
    }

    @Test
    void recordedNamespaceThatIsGoneIsNotDeletedAgain() {
        LabRecord record = new LabRecord(LabRecord.VERSION, "x", null, null, List.of("gone"),
                List.of(new RecordedLink(LinkKind.VETH, "gone", "eth0", "", "vethgone")));
        assertTrue(Planner.down(record, system.observe()).isEmpty());
    }
}
