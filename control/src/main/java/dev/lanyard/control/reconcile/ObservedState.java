package dev.lanyard.control.reconcile;

import dev.lanyard.control.topology.Topology;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What exists on the system now: the named namespaces (those under /run/netns) and the root namespace, each with its
 * devices and routes. Filled from netlink by the caller; plain data here, so the planner stays a pure function.
 *
 * @param namespaces the namespaces by name; the root namespace under {@link Topology#ROOT_NAMESPACE} ("")
 */
public record ObservedState(Map<String, ObservedNamespace> namespaces) {
    /** Copies the map and makes sure the root namespace is in it. */
    public ObservedState {
        Map<String, ObservedNamespace> copy = new HashMap<>(namespaces);
        copy.putIfAbsent(Topology.ROOT_NAMESPACE, ObservedNamespace.EMPTY);
        namespaces = Map.copyOf(copy);
    }

    /** A system with an empty root namespace and no named namespaces. */
    public static ObservedState empty() {
        return new ObservedState(Map.of());
    }

    /** A system with this root namespace and these named namespaces. */
    public static ObservedState of(ObservedNamespace root, Map<String, ObservedNamespace> named) {
        Map<String, ObservedNamespace> all = new HashMap<>(named);
        all.put(Topology.ROOT_NAMESPACE, root);
        return new ObservedState(all);
    }

    /** Whether a named namespace exists; the root namespace always does and is not asked about here. */
    public boolean hasNamespace(String name) {
        return !name.isEmpty() && namespaces.containsKey(name);
    }

    /** The namespace of that name ("" for root), if it exists. */
    public Optional<ObservedNamespace> namespace(String name) {
        return Optional.ofNullable(namespaces.get(name));
    }

    /** The device {@code name} in namespace {@code namespace}, if both exist. */
    public Optional<ObservedLink> link(String namespace, String name) {
        return namespace(namespace).flatMap(ns -> ns.link(name));
    }

    /** The routes of a namespace; empty if it does not exist. */
    public List<ObservedRoute> routes(String namespace) {
        return namespace(namespace).map(ObservedNamespace::routes).orElse(List.of());
    }
}
