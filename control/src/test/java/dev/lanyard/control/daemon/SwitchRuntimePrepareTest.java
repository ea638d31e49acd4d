package dev.lanyard.control.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanyard.dataplane.SwitchConfig;
import dev.lanyard.dataplane.forward.PortSettings;
import dev.lanyard.dataplane.lab.HandLab;
import dev.lanyard.dataplane.port.PortKind;
import dev.lanyard.dataplane.port.packet.PacketPortConfig;
import dev.lanyard.dataplane.worker.DataplaneOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Ports whose sockets were made ahead (as {@code lanyard up} does while it builds the lab) attach and forward. */
@Tag("netns")
class SwitchRuntimePrepareTest {
    private static final String PREPARE_THREAD = "lanyard-prepare";

    @Test
    void portsMadeAheadAttachForwardAndLeaveNoThreadsBehind() throws Exception {
        Assumptions.assumeTrue(HandLab.canCreateNamespaces(), "needs root to create network namespaces");
        try (HandLab lab = HandLab.build(2);
                SwitchRuntime rt = new SwitchRuntime(new SwitchConfig("prep", 1, SwitchConfig.DEFAULT_MAX_PORTS,
                        1024, 300_000L), PacketPortConfig.DEFAULT, new DataplaneOptions(false, "lanyard-prep"))) {
            List<PortSpec> specs = List.of(
                    new PortSpec(lab.switchEnd(1), PortKind.VETH, lab.switchNs(), PortSettings.DEFAULT),
                    new PortSpec(lab.switchEnd(2), PortKind.VETH, lab.switchNs(), PortSettings.DEFAULT));
            rt.prepare(specs);
            Map<PortSpec, String> failed = rt.attachAll(specs);
            assertEquals(Map.of(), failed);
            assertTrue(lab.ping(lab.hostNs(1), lab.ip(2), 3), "h1 cannot reach h2 through the switch");
            // Every socket made ahead has been taken: the threads that made them must not idle on for the
            // daemon's life (a 100-port switch left 64 of them).
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (prepareThreads() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(0, prepareThreads(), "threads of the prepare pool still alive");
        }
    }

    private static long prepareThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals(PREPARE_THREAD)).count();
    }
}
