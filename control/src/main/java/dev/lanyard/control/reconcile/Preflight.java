package dev.lanyard.control.reconcile;

import dev.lanyard.control.topology.Cidr;
import dev.lanyard.control.topology.Layout;
import dev.lanyard.control.topology.Problem;
import dev.lanyard.control.topology.Topology;
import dev.lanyard.control.topology.TopologyException;
import dev.lanyard.control.topology.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The last check before anything is touched: the topology's own problems ({@link Validator}) and its clashes with
 * the system: a namespace or device it wants that exists and is not the lab's, or an address it wants in the root
 * namespace that another device already carries.
 */
public final class Preflight {
    private Preflight() {
    }

    /**
     * Every problem of the topology on this system, sorted by place; empty when {@code up} may go ahead.
     *
     * @throws IllegalArgumentException when the record is another lab's
     */
    public static List<Problem> problems(Topology t, ObservedState observed, LabRecord record) {
        if (!record.lab().equals(t.lab())) {
            throw new IllegalArgumentException("record of lab " + record.lab() + " given for lab " + t.lab());
        }
        List<Problem> problems = new ArrayList<>(Validator.problems(t));
        Layout layout = Layout.of(t);
        for (Layout.Namespace ns : layout.namespaces()) {
            if (observed.hasNamespace(ns.name()) && !record.ownsNamespace(ns.name())) {
                problems.add(t.source().problem(ns.path(), "namespace \"" + ns.name() + "\" already exists and is"
                        + " not this lab's; remove it (ip netns delete " + ns.name() + ") or choose another name"));
            }
        }
        for (Layout.Device d : layout.devices()) {
            boolean visible = d.namespace().isEmpty() || record.ownsNamespace(d.namespace());
            Optional<ObservedLink> existing = observed.link(d.namespace(), d.name());
            if (visible && existing.isPresent() && !record.owns(d.namespace(), existing.get())) {
                problems.add(t.source().problem(d.path(), d.describe() + " already exists in "
                        + Topology.describeNamespace(d.namespace()) + " and is not this lab's"));
            }
            if (d.namespace().isEmpty()) {
                checkRootAddresses(t, d, observed, record, problems);
            }
        }
        return problems.stream().sorted().toList();
    }

    /**
     * Checks the topology against the system.
     *
     * @throws TopologyException with every problem, when there is at least one
     */
    public static void check(Topology t, ObservedState observed, LabRecord record) throws TopologyException {
        List<Problem> problems = problems(t, observed, record);
        if (!problems.isEmpty()) {
            throw new TopologyException(problems);
        }
    }

    private static void checkRootAddresses(Topology t, Layout.Device d, ObservedState observed, LabRecord record,
                                           List<Problem> problems) {
        List<ObservedLink> root = observed.namespace(Topology.ROOT_NAMESPACE).orElseThrow().links();
        for (Cidr c : d.addresses()) {
            for (ObservedLink other : root) {
                boolean carries = other.addresses().stream().anyMatch(o -> o.address().equals(c.address()));
                if (carries && !record.owns(Topology.ROOT_NAMESPACE, other)) {
                    problems.add(t.source().problem(d.path(), "address " + c.address() + " of " + d.label()
                            + " is already on interface " + other.name() + " in the root namespace"));
                }
            }
        }
    }
}
