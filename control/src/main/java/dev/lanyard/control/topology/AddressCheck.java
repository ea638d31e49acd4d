package dev.lanyard.control.topology;

import java.util.HashMap;
import java.util.Map;

/** Checks that no address is used twice in a lab, gateways included. */
final class AddressCheck {
    private AddressCheck() {
    }

    static void check(Topology t, Problems problems) {
        Map<IpAddress, String> owners = new HashMap<>();
        for (Switch s : t.switches()) {
            if (s.gateway() != null) {
                claim(owners, s.gateway(), "switch " + s.name() + "'s gateway",
                        Source.path("switches", s.name(), "gateway"), problems);
            }
        }
        for (Host h : t.hosts()) {
            for (Interface i : h.interfaces()) {
                for (int k = 0; k < i.addresses().size(); k++) {
                    claim(owners, i.addresses().get(k), h.name() + "/" + i.name(),
                            Source.path("hosts", h.name(), "interfaces", i.name(), "addresses", k), problems);
                }
            }
        }
    }

    private static void claim(Map<IpAddress, String> owners, Cidr cidr, String owner, String path,
                              Problems problems) {
        String first = owners.putIfAbsent(cidr.address(), owner);
        if (first != null) {
            problems.add(path, "address " + cidr.address() + " is already used by " + first);
        }
    }
}
