package dev.lanyard.control.topology;

import java.util.HashMap;
import java.util.Map;

/** Checks numbers and MACs: MTUs, switch sizes and times, MACs that an interface may carry and that are unique. */
final class SettingsCheck {
    /** Longer than any lab runs: a typo, not a wish. */
    static final int MAX_AGING_SECONDS = 1_000_000;
    /** Far more than the cores of any machine this runs on. */
    static final int MAX_WORKERS = 64;
    static final int MIN_MAC_TABLE_SIZE = 16;
    static final int MAX_MAC_TABLE_SIZE = 1 << 24;
    static final int MIN_MTU = 68;
    static final int MAX_MTU = 65535;
    static final int MIN_IPV6_MTU = 1280;

    private SettingsCheck() {
    }

    static void check(Topology t, Layout layout, Problems problems) {
        for (Switch s : t.switches()) {
            String path = Source.path("switches", s.name());
            range(problems, Source.path(path, "aging"), "aging", s.agingSeconds(), 0, MAX_AGING_SECONDS, " seconds");
            range(problems, Source.path(path, "workers"), "workers", s.workers(), 1, MAX_WORKERS, "");
            range(problems, Source.path(path, "mac-table-size"), "mac-table-size", s.macTableSize(),
                    MIN_MAC_TABLE_SIZE, MAX_MAC_TABLE_SIZE, "");
        }
        for (Host h : t.hosts()) {
            for (Interface i : h.interfaces()) {
                String path = Source.path("hosts", h.name(), "interfaces", i.name());
                checkInterface(h.name() + "/" + i.name(), i, path, problems);
            }
        }
        Map<MacAddress, String> owners = new HashMap<>();
        for (Layout.Device d : layout.devices()) {
            String first = owners.putIfAbsent(d.mac(), d.label());
            if (first != null) {
                String path = d.role() == Layout.Role.HOST ? Source.path(d.path(), "mac") : d.path();
                problems.add(path, "MAC " + d.mac() + " of " + d.label() + " is already used by " + first);
            }
        }
    }

    private static void checkInterface(String label, Interface i, String path, Problems problems) {
        String mtuPath = Source.path(path, "mtu");
        if (i.mtu() < MIN_MTU || i.mtu() > MAX_MTU) {
            problems.add(mtuPath, "MTU " + i.mtu() + " is out of range; Linux takes " + MIN_MTU + " to " + MAX_MTU);
        } else if (i.mtu() < MIN_IPV6_MTU && i.addresses().stream().anyMatch(c -> !c.address().isIpv4())) {
            problems.add(mtuPath, "MTU " + i.mtu() + " is below " + MIN_IPV6_MTU + ", the least IPv6 needs, and "
                    + label + " has IPv6 addresses");
        }
        String macPath = Source.path(path, "mac");
        if (i.mac().isMulticast()) {
            problems.add(macPath, "MAC " + i.mac() + " is a multicast address; an interface needs a unicast one"
                    + " (first byte even)");
        } else if (i.mac().isZero()) {
            problems.add(macPath, "MAC " + i.mac() + " is not an address an interface may carry");
        }
        if (i.attachment() instanceof Attachment.SwitchPort p) {
            range(problems, Source.path(path, "mac-limit"), "mac-limit", p.settings().macLimit(), 0,
                    MAX_MAC_TABLE_SIZE, "");
        }
    }

    private static void range(Problems problems, String path, String key, int value, int min, int max, String unit) {
        if (value < min || value > max) {
            problems.add(path, key + " must be between " + min + " and " + max + unit + ", got " + value);
        }
    }
}
