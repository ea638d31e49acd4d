package dev.lanyard.control.topology;

import java.util.List;
import java.util.Optional;

/**
 * A lab as its topology file describes it: switches and hosts, with defaults applied and derived names and MACs
 * filled in. A parsed topology may still be invalid; {@link Validator} says whether it is.
 *
 * @param lab      the lab name, which names its state directory /run/lanyard/LAB
 * @param switches the switches in file order
 * @param hosts    the hosts in file order
 * @param apiTcp   a loopback TCP listener for the lab's API besides its Unix socket, or null (the default)
 * @param source   where each element came from, for locating problems
 */
public record Topology(String lab, List<Switch> switches, List<Host> hosts, ApiTcp apiTcp, Source source) {
    /** How the root namespace is named wherever a namespace name is expected. */
    public static final String ROOT_NAMESPACE = "";

    /** Copies the lists. */
    public Topology {
        switches = List.copyOf(switches);
        hosts = List.copyOf(hosts);
    }

    /** The switch of that name. */
    public Optional<Switch> switchNamed(String name) {
        return switches.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The host of that name. */
    public Optional<Host> host(String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst();
    }

    /** The file the topology was read from, as the user named it. */
    public String file() {
        return source.file();
    }

    /** The same topology with another source, for comparing content regardless of where it came from. */
    public Topology withSource(Source other) {
        return new Topology(lab, switches, hosts, apiTcp, other);
    }

    /** How a namespace is called in messages: "namespace ns0" or "the root namespace". */
    public static String describeNamespace(String namespace) {
        return namespace.isEmpty() ? "the root namespace" : "namespace " + namespace;
    }
}
