package dev.lanyard.control.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The optional loopback TCP listener of the API: {@code api: {tcp: HOST:PORT}}. */
class ApiTcpTest {
    private static final String HOSTS =
            "switches: {sw: {}}\nhosts:\n  ns0:\n    interfaces:\n      eth0: {switch: sw}\n";

    @Test
    void noListenerUnlessTheTopologyAsks() throws TopologyException {
        assertNull(TopologyParser.parse("lab.yaml", "lab: x\n" + HOSTS).apiTcp());
    }

    @Test
    void readsALoopbackListener() throws TopologyException {
        Topology t = TopologyParser.parse("lab.yaml", "lab: x\napi: {tcp: 127.0.0.1:7171}\n" + HOSTS);
        assertEquals(new ApiTcp("127.0.0.1", 7171), t.apiTcp());
        assertEquals(new ApiTcp("0:0:0:0:0:0:0:1", 7171), ApiTcp.parse("[::1]:7171"));
        assertEquals("127.0.0.1", ApiTcp.parse("localhost:80").host());
        assertEquals("127.0.0.2:9", ApiTcp.parse("127.0.0.2:9").toString());
    }

    @Test
    void refusesAnythingButLoopbackWithWhereAndWhy() {
        assertEquals(List.of("lab.yaml:2:12: api tcp listens on loopback only (the API has no authentication), "
                + "not on 0.0.0.0"), Check.problems("lab: x\napi: {tcp: 0.0.0.0:7171}\n" + HOSTS));
        assertEquals(List.of("lab.yaml:2:12: api tcp host must be a loopback address (127.0.0.1, ::1 or "
                + "localhost), not \"example.org\""), Check.problems("lab: x\napi: {tcp: example.org:7171}\n" + HOSTS));
        assertEquals(List.of("lab.yaml:2:12: api tcp port must be between 1 and 65535, not 70000"),
                Check.problems("lab: x\napi: {tcp: 127.0.0.1:70000}\n" + HOSTS));
        assertEquals(List.of("lab.yaml:2:12: api tcp must be HOST:PORT on loopback, e.g. 127.0.0.1:7171, not "
                + "\"7171\""), Check.problems("lab: x\napi: {tcp: 7171}\n" + HOSTS));
        assertEquals(List.of("lab.yaml:2:7: unknown key \"udp\" in api; allowed: tcp"),
                Check.problems("lab: x\napi: {udp: 127.0.0.1:7171}\n" + HOSTS));
    }
}
