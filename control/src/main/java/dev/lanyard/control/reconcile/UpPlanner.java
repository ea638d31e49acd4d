package dev.lanyard.control.reconcile;

import dev.lanyard.control.topology.Cidr;
import dev.lanyard.control.topology.Host;
import dev.lanyard.control.topology.Layout;
import dev.lanyard.control.topology.LinkKind;
import dev.lanyard.control.topology.Route;
import dev.lanyard.control.topology.Topology;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Plans an {@code up} in four passes: remove what the lab owns but no longer wants, create missing namespaces,
 * create or correct each link, then routes. Devices removed or created earlier in the plan are tracked, so later
 * passes do not trust observations that the plan itself makes stale.
 */
final class UpPlanner {
    private static final String LOOPBACK = "lo";

    private final Topology topology;
    private final Layout layout;
    private final ObservedState observed;
    private final LabRecord record;
    private final List<Action> actions = new ArrayList<>();
    /** Devices ("namespace\0name") whose observed state no longer holds once the earlier actions have run. */
    private final Set<String> stale = new HashSet<>();

    UpPlanner(Topology topology, ObservedState observed, LabRecord record) {
        this.topology = topology;
        this.layout = Layout.of(topology);
        this.observed = observed;
        this.record = record;
    }

    Plan plan() {
        Set<String> wanted = new LinkedHashSet<>(layout.namespaceNames());
        List<String> dropped = record.namespaces().stream()
                .filter(ns -> !wanted.contains(ns) && observed.hasNamespace(ns))
                .toList();
        removeUnwantedLinks(dropped);
        for (String ns : dropped) {
            actions.add(new Action.DeleteNamespace(ns));
        }
        for (String ns : wanted) {
            ensureNamespace(ns);
        }
        for (Layout.Link link : layout.links()) {
            ensureLink(link);
        }
        Map<String, List<Route>> routes = wantedRoutes();
        for (String ns : wanted) {
            ensureRoutes(ns, routes.getOrDefault(ns, List.of()));
        }
        ensureRoutes(Topology.ROOT_NAMESPACE, routes.getOrDefault(Topology.ROOT_NAMESPACE, List.of()));
        return new Plan(actions);
    }

    /** Deletes recorded links the topology no longer has, unless a namespace deletion takes them along. */
    private void removeUnwantedLinks(List<String> dropped) {
        List<RecordedLink> wanted = layout.links().stream().map(RecordedLink::of).toList();
        for (String ns : dropped) {
            observed.namespace(ns).ifPresent(n -> n.links().forEach(l -> stale.add(key(ns, l.name()))));
        }
        for (RecordedLink link : record.links()) {
            if (wanted.stream().anyMatch(link::sameAs)) {
                continue;
            }
            // Only a link that exists as recorded goes away; a dead entry must not hide a live device of its name.
            Optional<RecordedLink.Place> present = Planner.presentEnd(link, observed);
            if (present.isEmpty()) {
                continue;
            }
            boolean covered = dropped.stream().anyMatch(link::touches);
            boolean going = link.ends().stream().anyMatch(end -> stale.contains(key(end.namespace(), end.name())));
            link.ends().forEach(end -> stale.add(key(end.namespace(), end.name())));
            if (!covered && !going) {
                actions.add(new Action.DeleteLink(present.get().namespace(), present.get().name()));
            }
        }
    }

    private void ensureNamespace(String ns) {
        if (!observed.hasNamespace(ns)) {
            actions.add(new Action.CreateNamespace(ns));
            actions.add(new Action.SetLinkUp(ns, LOOPBACK));
            return;
        }
        if (!observed.link(ns, LOOPBACK).map(ObservedLink::up).orElse(false)) {
            actions.add(new Action.SetLinkUp(ns, LOOPBACK));
        }
    }

    private void ensureLink(Layout.Link link) {
        RecordedLink identity = RecordedLink.of(link);
        List<Layout.Device> ends = link.ends();
        List<ObservedLink> seen = new ArrayList<>();
        boolean complete = true;
        for (Layout.Device d : ends) {
            ObservedLink device = current(d.namespace(), d.name());
            seen.add(device);
            complete &= device != null && identity.describes(d.namespace(), device);
        }
        if (complete) {
            for (int i = 0; i < ends.size(); i++) {
                correct(ends.get(i), seen.get(i));
            }
            return;
        }
        // A leftover of this very link (one end of a veth only) is removed before the link is made anew.
        for (int i = 0; i < ends.size(); i++) {
            Layout.Device d = ends.get(i);
            if (seen.get(i) != null && identity.describes(d.namespace(), seen.get(i))) {
                actions.add(new Action.DeleteLink(d.namespace(), d.name()));
                break;
            }
        }
        create(link);
    }

    private void create(Layout.Link link) {
        Layout.Device a = link.a();
        if (link.kind() == LinkKind.VETH) {
            actions.add(new Action.CreateVeth(end(a), end(link.b())));
        } else {
            actions.add(new Action.CreateTap(a.namespace(), a.name(), a.mac(), a.mtu()));
        }
        for (Layout.Device d : link.ends()) {
            stale.add(key(d.namespace(), d.name()));
            for (Cidr c : d.addresses()) {
                actions.add(new Action.AddAddress(d.namespace(), d.name(), c));
            }
            actions.add(new Action.SetLinkUp(d.namespace(), d.name()));
        }
    }

    /** Brings an existing device of the lab in line with the topology. */
    private void correct(Layout.Device d, ObservedLink seen) {
        String ns = d.namespace();
        if (seen.mac() != null && !seen.mac().equals(d.mac())) {
            actions.add(new Action.SetMac(ns, d.name(), d.mac()));
        }
        if (seen.mtu() != d.mtu()) {
            actions.add(new Action.SetMtu(ns, d.name(), d.mtu()));
        }
        for (Cidr c : seen.addresses()) {
            // The kernel gives every interface an IPv6 link-local address; it is not the lab's to remove.
            if (!d.addresses().contains(c) && !c.address().isLinkLocal()) {
                actions.add(new Action.DeleteAddress(ns, d.name(), c));
            }
        }
        for (Cidr c : d.addresses()) {
            if (!seen.addresses().contains(c)) {
                actions.add(new Action.AddAddress(ns, d.name(), c));
            }
        }
        if (!seen.up()) {
            actions.add(new Action.SetLinkUp(ns, d.name()));
        }
    }

    /**
     * Adds missing routes and, in the lab's own namespaces, deletes routes the topology does not have (except those
     * the kernel adds for addresses). In the root namespace nothing is deleted, as a route there may be anybody's;
     * the routes of a root-namespace host go away with its devices at {@code down}.
     */
    private void ensureRoutes(String ns, List<Route> wanted) {
        List<ObservedRoute> present = observed.routes(ns).stream()
                .filter(r -> r.dev() == null || !stale.contains(key(ns, r.dev())))
                .toList();
        for (ObservedRoute r : present) {
            if (!ns.isEmpty() && !r.isKernel() && wanted.stream().noneMatch(r::satisfies)) {
                actions.add(new Action.DeleteRoute(ns, r.asRoute()));
            }
        }
        for (Route w : wanted) {
            if (present.stream().noneMatch(r -> r.satisfies(w))) {
                actions.add(new Action.AddRoute(ns, w));
            }
        }
    }

    private Map<String, List<Route>> wantedRoutes() {
        Map<String, List<Route>> routes = new LinkedHashMap<>();
        for (Host h : topology.hosts()) {
            routes.computeIfAbsent(h.namespace(), k -> new ArrayList<>()).addAll(h.routes());
        }
        return routes;
    }

    /** The device as observed, or null if it does not exist or an earlier action of this plan changes it. */
    private ObservedLink current(String ns, String name) {
        if (stale.contains(key(ns, name))) {
            return null;
        }
        return observed.link(ns, name).orElse(null);
    }

    private static LinkEnd end(Layout.Device d) {
        return new LinkEnd(d.namespace(), d.name(), d.mac(), d.mtu());
    }

    private static String key(String ns, String name) {
        return ns + "\0" + name;
    }
}
