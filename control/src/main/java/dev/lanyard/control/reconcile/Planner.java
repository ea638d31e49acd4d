package dev.lanyard.control.reconcile;

import dev.lanyard.control.topology.Topology;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The pure diff: from what is wanted, what exists and what the lab owns, the actions that close the gap. Running a
 * plan and planning again gives an empty plan; a half-built lab gets only the missing steps; nothing the lab does
 * not own (by {@link LabRecord}) is ever deleted or changed.
 */
public final class Planner {
    private Planner() {
    }

    /**
     * The plan that builds or repairs the lab of {@code topology}. The topology must have passed
     * {@link Preflight}: names that exist and are not the lab's would make the plan fail when applied.
     */
    public static Plan up(Topology topology, ObservedState observed, LabRecord record) {
        return new UpPlanner(topology, observed, record).plan();
    }

    /**
     * The plan that removes everything the record owns and nothing else: links first, then namespaces. A link with
     * an end in a namespace being deleted goes with the namespace, so no action is planned for it.
     */
    public static Plan down(LabRecord record, ObservedState observed) {
        List<String> dropped = record.namespaces().stream().filter(observed::hasNamespace).toList();
        List<Action> actions = new ArrayList<>();
        Set<RecordedLink.Place> going = new HashSet<>();
        for (RecordedLink link : record.links()) {
            Optional<RecordedLink.Place> end = presentEnd(link, observed);
            // Two records may name one device when the system does not tell a veth's peer; delete it once.
            if (end.isPresent() && dropped.stream().noneMatch(link::touches) && !going.contains(end.get())) {
                going.addAll(link.ends());
                actions.add(new Action.DeleteLink(end.get().namespace(), end.get().name()));
            }
        }
        dropped.forEach(ns -> actions.add(new Action.DeleteNamespace(ns)));
        return new Plan(actions);
    }

    /** An end of {@code link} that exists and is recognisably that link's, if any. */
    static Optional<RecordedLink.Place> presentEnd(RecordedLink link, ObservedState observed) {
        for (RecordedLink.Place end : link.ends()) {
            Optional<ObservedLink> device = observed.link(end.namespace(), end.name());
            if (device.isPresent() && link.describes(end.namespace(), device.get())) {
                return Optional.of(end);
            }
        }
        return Optional.empty();
    }
}
