package dev.lanyard.control.reconcile;

import java.util.List;
import java.util.Optional;

/**
 * The devices and main-table routes of one namespace as the system shows them.
 *
 * @param links  the devices, loopback included
 * @param routes the unicast routes of the main table
 */
public record ObservedNamespace(List<ObservedLink> links, List<ObservedRoute> routes) {
    /** A namespace with nothing in it. */
    public static final ObservedNamespace EMPTY = new ObservedNamespace(List.of(), List.of());

    /** Copies the lists. */
    public ObservedNamespace {
        links = List.copyOf(links);
        routes = List.copyOf(routes);
    }

    /** The device of that name. */
    public Optional<ObservedLink> link(String name) {
        return links.stream().filter(l -> l.name().equals(name)).findFirst();
    }
}
