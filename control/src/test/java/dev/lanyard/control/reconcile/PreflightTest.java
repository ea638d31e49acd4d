package dev.lanyard.control.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lanyard.control.topology.Cidr;
import dev.lanyard.control.topology.MacAddress;
import dev.lanyard.control.topology.Problem;
import dev.lanyard.control.topology.Topologies;
import dev.lanyard.control.topology.Topology;
import dev.lanyard.control.topology.TopologyException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreflightTest {
    private final FakeSystem system = new FakeSystem();

    private List<String> problems(Topology t, LabRecord record) {
        return Preflight.problems(t, system.observe(), record).stream().map(Problem::toString).toList();
    }

    @Test
    void freshSystemHasNoProblems() {
        assertEquals(List.of(), problems(Labs.parse(Labs.DEFAULT_TEXT), LabRecord.empty("docker0")));
    }

    @Test
    void foreignNamespaceIsReportedAtTheHost() {
        system.addNamespace("ns1");
        assertEquals(List.of("lab.yaml:9:3: namespace \"ns1\" already exists and is not this lab's;"
                        + " remove it (ip netns delete ns1) or choose another name"),
                problems(Labs.parse(Labs.DEFAULT_TEXT), LabRecord.empty("docker0")));
    }

    @Test
    void foreignDeviceAndAddressInTheRootNamespaceAreReported() {
        FakeSystem.Dev bridge = system.add("", new FakeSystem.Dev("docker0", "bridge",
                MacAddress.parse("02:42:3b:00:00:01"), 1500));
        bridge.addresses.add(Cidr.parse("172.17.0.1/16"));
        assertEquals(List.of(
                "lab.yaml:4:14: address 172.17.0.1 of switch docker0's gateway is already on interface docker0 in"
                        + " the root namespace",
                "lab.yaml:4:14: interface \"docker0\" (switch docker0's gateway) already exists in the root"
                        + " namespace and is not this lab's"),
                problems(Labs.parse(Labs.DEFAULT_TEXT), LabRecord.empty("docker0")));
    }

    @Test
    void theLabsOwnDevicesAndNamespacesAreNoProblem() {
        Topology t = Topologies.defaultLab();
        Applier applier = new Applier(system, LabRecord.empty("docker0"));
        applier.run(Planner.up(t, system.observe(), applier.record()));
        assertEquals(List.of(), problems(t, applier.record()));
    }

    @Test
    void aDeviceInAnOwnedNamespaceThatTheLabDidNotMakeIsReported() {
        Topology t = Labs.parse(Labs.LAB2);
        Applier applier = new Applier(system, LabRecord.empty("lab2"));
        applier.runUntil(Planner.up(t, system.observe(), applier.record()), 4);
        system.add("ns0", new FakeSystem.Dev("veth0", "dummy", MacAddress.parse("02:00:00:00:00:01"), 1500));
        assertEquals(List.of("lab.yaml:5:7: interface ns0/veth0 already exists in namespace ns0 and is not this"
                + " lab's"), problems(t, applier.record()));
    }

    @Test
    void checkThrowsWithTheFileProblemsToo() {
        Topology t = Labs.parse(Labs.LAB2);
        system.addNamespace("ns0");
        TopologyException e = assertThrows(TopologyException.class,
                () -> Preflight.check(t, system.observe(), LabRecord.empty("lab2")));
        assertEquals(1, e.problems().size());
    }

    @Test
    void recordOfAnotherLabIsABug() {
        Topology t = Labs.parse(Labs.LAB2);
        assertThrows(IllegalArgumentException.class, () -> problems(t, LabRecord.empty("other")));
    }
}
