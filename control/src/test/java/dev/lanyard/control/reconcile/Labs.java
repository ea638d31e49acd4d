package dev.lanyard.control.reconcile;

import dev.lanyard.control.topology.Topologies;
import dev.lanyard.control.topology.Topology;
import dev.lanyard.control.topology.TopologyException;

/** Topologies for planner tests. */
final class Labs {
    static final String LAB2 = """
            lab: lab2
            hosts:
              ns0:
                interfaces:
                  veth0: {peer: ns1/veth1, addresses: [192.168.1.1/24]}
              ns1:
                interfaces:
                  veth1: {addresses: [192.168.1.2/24]}
            """;

    private Labs() {
    }

    static Topology parse(String yaml) {
        try {
            return Topologies.parse("lab.yaml", yaml);
        } catch (TopologyException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** The default lab with one text replacement, checked to have happened. */
    static Topology defaultLabWith(String from, String to) {
        String text = DEFAULT_TEXT;
        if (!text.contains(from)) {
            throw new AssertionError("default lab has no " + from);
        }
        return parse(text.replace(from, to));
    }

    static final String DEFAULT_TEXT = """
            lab: docker0
            switches:
              docker0:
                gateway: 172.17.0.1/16
            hosts:
              ns0:
                interfaces:
                  eth0: {switch: docker0, addresses: [172.17.0.101/16]}
              ns1:
                interfaces:
                  eth0: {switch: docker0, addresses: [172.17.0.102/16]}
              ns2:
                interfaces:
                  eth0: {switch: docker0, addresses: [172.17.0.103/16]}
            """;
}
