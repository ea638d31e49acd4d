package dev.lanyard.control.topology;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks each host's routes: destinations, gateways reachable through the host's own addresses, known devices. */
final class RouteCheck {
    private RouteCheck() {
    }

    static void check(Topology t, Problems problems) {
        for (Host h : t.hosts()) {
            Map<Cidr, String> seen = new HashMap<>();
            for (int k = 0; k < h.routes().size(); k++) {
                Route r = h.routes().get(k);
                String path = Source.path("hosts", h.name(), "routes", k);
                checkDestination(t, h, r, path, seen, problems);
                if (r.dev() != null && h.iface(r.dev()).isEmpty()) {
                    List<String> names = h.interfaces().stream().map(Interface::name).toList();
                    problems.add(Source.path(path, "dev"), "route dev \"" + r.dev() + "\" is not an interface of host "
                            + h.name() + Spelling.hint(r.dev(), names));
                } else if (r.via() != null) {
                    String problem = gatewayProblem(h, r);
                    if (problem != null) {
                        problems.add(Source.path(path, "via"), problem);
                    }
                }
            }
        }
    }

    private static void checkDestination(Topology t, Host h, Route r, String path, Map<Cidr, String> seen,
                                         Problems problems) {
        String toPath = Source.path(path, "to");
        if (r.to().hasHostBits()) {
            problems.add(toPath, "route destination " + r.to() + " has host bits set; did you mean "
                    + r.to().network() + "?");
        }
        String first = seen.putIfAbsent(r.to().network(), path);
        if (first != null) {
            problems.add(toPath, "a route to " + destination(r) + " is already declared at "
                    + t.source().at(first).lineColumn());
        }
        if (!h.ownNamespace() && r.to().isDefault()) {
            problems.add(toPath, "host " + h.name() + " is the root namespace, where a default route would replace"
                    + " the machine's own");
        }
    }

    private static String gatewayProblem(Host h, Route r) {
        IpAddress via = r.via();
        if (via.isIpv4() != r.to().address().isIpv4()) {
            return "route to " + destination(r) + " via " + via + " mixes IPv4 and IPv6";
        }
        if (via.isLinkLocal()) {
            return r.dev() == null ? "gateway " + via + " is link-local; add dev: to say which link it is on" : null;
        }
        List<Interface> candidates = r.dev() == null ? h.interfaces() : List.of(h.iface(r.dev()).orElseThrow());
        for (Interface i : candidates) {
            for (Cidr c : i.addresses()) {
                if (c.address().equals(via)) {
                    return "gateway " + via + " is an address of " + h.name() + "/" + i.name() + " itself";
                }
            }
        }
        for (Interface i : candidates) {
            for (Cidr c : i.addresses()) {
                if (c.contains(via)) {
                    return null;
                }
            }
        }
        String whose = r.dev() == null ? "host " + h.name() : h.name() + "/" + r.dev();
        return "gateway " + via + " is not reachable: no address of " + whose + " is in its subnet";
    }

    private static String destination(Route r) {
        return r.to().isDefault() ? "default" : r.to().toString();
    }
}
