package dev.lanyard.control.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks what each interface is connected to: switches and peers that exist, peer declarations that agree, and no
 * interface used as the end of two links.
 */
final class ConnectionCheck {
    private ConnectionCheck() {
    }

    static void check(Topology t, Problems problems) {
        List<String> switchNames = t.switches().stream().map(Switch::name).toList();
        List<String> hostNames = t.hosts().stream().map(Host::name).toList();
        Map<String, List<String>> referrers = new LinkedHashMap<>();
        Map<String, String> paths = new HashMap<>();
        for (Host h : t.hosts()) {
            for (Interface i : h.interfaces()) {
                String label = h.name() + "/" + i.name();
                String path = Source.path("hosts", h.name(), "interfaces", i.name());
                paths.put(label, path);
                if (i.attachment() instanceof Attachment.SwitchPort p && t.switchNamed(p.switchName()).isEmpty()) {
                    problems.add(Source.path(path, "switch"), "interface " + label + " refers to unknown switch \""
                            + p.switchName() + "\"" + Spelling.hint(p.switchName(), switchNames));
                } else if (i.attachment() instanceof Attachment.Peer p) {
                    String problem = peerProblem(t, label, p, hostNames);
                    if (problem != null) {
                        problems.add(Source.path(path, "peer"), problem);
                    } else {
                        referrers.computeIfAbsent(p.toString(), k -> new ArrayList<>()).add(label);
                    }
                }
            }
        }
        for (Host h : t.hosts()) {
            for (Interface i : h.interfaces()) {
                String label = h.name() + "/" + i.name();
                checkEnd(label, i.attachment(), referrers.getOrDefault(label, List.of()), paths, problems);
            }
        }
    }

    private static String peerProblem(Topology t, String label, Attachment.Peer p, List<String> hostNames) {
        Host other = t.host(p.host()).orElse(null);
        if (other == null) {
            return "peer \"" + p + "\" of " + label + " refers to unknown host \"" + p.host() + "\""
                    + Spelling.hint(p.host(), hostNames);
        }
        if (other.iface(p.iface()).isEmpty()) {
            List<String> names = other.interfaces().stream().map(Interface::name).toList();
            return "peer \"" + p + "\" of " + label + " refers to unknown interface \"" + p.iface() + "\" of host "
                    + p.host() + Spelling.hint(p.iface(), names);
        }
        if (p.toString().equals(label)) {
            return "interface " + label + " cannot be its own peer";
        }
        return null;
    }

    /** Checks one interface against the interfaces that name it as their peer. */
    private static void checkEnd(String label, Attachment attachment, List<String> refs, Map<String, String> paths,
                                 Problems problems) {
        String path = paths.get(label);
        if (refs.isEmpty()) {
            if (attachment == null) {
                problems.add(path, "interface " + label + " is connected to nothing; give it switch: or peer:,"
                        + " or name it as another interface's peer");
            }
            return;
        }
        for (int k = 0; k < refs.size(); k++) {
            String refPath = Source.path(paths.get(refs.get(k)), "peer");
            if (attachment instanceof Attachment.SwitchPort sp) {
                problems.add(refPath, "peer \"" + label + "\" of " + refs.get(k) + " is already connected to switch "
                        + sp.switchName());
            } else if (k > 0) {
                problems.add(refPath, "interface " + label + " is already the peer of " + refs.get(0)
                        + "; a veth pair has two ends");
            }
        }
        if (attachment instanceof Attachment.Peer p && !refs.contains(p.toString())) {
            problems.add(Source.path(path, "peer"), "asymmetric peers: " + refs.get(0) + " names " + label
                    + " as its peer, but " + label + " names " + p);
        }
    }
}
