package dev.lanyard.control.topology;

import java.util.HashMap;
import java.util.Map;

/**
 * Checks that the devices of a lab do not collide: in each namespace every interface name is used once, whether it
 * names a host's interface, a switch-side veth end or a gateway, and no device takes the loopback's name.
 */
final class LayoutCheck {
    private LayoutCheck() {
    }

    static void check(Topology t, Layout layout, Problems problems) {
        Map<String, Layout.Device> seen = new HashMap<>();
        for (Layout.Device d : layout.devices()) {
            if (d.name().equals("lo")) {
                problems.add(d.path(), "interface name \"lo\" is taken by the loopback device of every namespace");
                continue;
            }
            Layout.Device first = seen.putIfAbsent(d.namespace() + "\0" + d.name(), d);
            if (first == null) {
                continue;
            }
            String host = first.role() == Layout.Role.GATEWAY && d.role() == Layout.Role.PORT
                    ? portOfGatewaySwitch(t, layout, first, d) : null;
            if (host != null) {
                problems.add(d.path(), "port name \"" + d.name() + "\" of " + host + " is the name of "
                        + first.label() + "; choose another port: or set gateway-interface:");
            } else {
                problems.add(d.path(), "the name of " + d.describe() + " is already taken in "
                        + Topology.describeNamespace(d.namespace()) + " by " + first.label());
            }
        }
    }

    /** The host interface behind {@code port} if that port belongs to the switch whose gateway it collides with. */
    private static String portOfGatewaySwitch(Topology t, Layout layout, Layout.Device gateway,
                                              Layout.Device port) {
        for (Layout.Link l : layout.links()) {
            if (l.b() == port) {
                boolean same = t.switchNamed(l.switchName())
                        .map(s -> gateway.name().equals(s.gatewayInterface()))
                        .orElse(false);
                return same ? l.a().label() : null;
            }
        }
        return null;
    }
}
