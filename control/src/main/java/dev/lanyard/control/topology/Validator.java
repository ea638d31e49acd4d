package dev.lanyard.control.topology;

import java.util.List;

/**
 * Checks a parsed topology for everything that can be known from the file alone: names, connections, addresses,
 * routes, settings and collisions between devices. What exists on the system is checked by
 * {@code dev.lanyard.control.reconcile.Preflight}, which runs this first.
 */
public final class Validator {
    private Validator() {
    }

    /** Every problem of the topology, sorted by place; empty when it is valid. */
    public static List<Problem> problems(Topology t) {
        Problems problems = new Problems(t.source());
        Layout layout = Layout.of(t);
        NameCheck.check(t, problems);
        ConnectionCheck.check(t, problems);
        AddressCheck.check(t, problems);
        RouteCheck.check(t, problems);
        SettingsCheck.check(t, layout, problems);
        LayoutCheck.check(t, layout, problems);
        return problems.list().stream().sorted().toList();
    }

    /**
     * Checks the topology.
     *
     * @throws TopologyException with every problem, when there is at least one
     */
    public static void validate(Topology t) throws TopologyException {
        List<Problem> problems = problems(t);
        if (!problems.isEmpty()) {
            throw new TopologyException(problems);
        }
    }
}
