package dev.lanyard.control.topology;

/** Checks every name in a topology against the rules of Linux and of Lanyard. */
final class NameCheck {
    private NameCheck() {
    }

    static void check(Topology t, Problems problems) {
        String lab = Names.labNameProblem(t.lab());
        if (lab != null) {
            problems.add("lab", lab);
        }
        for (Switch s : t.switches()) {
            String path = Source.path("switches", s.name());
            report(problems, path, Names.namespaceNameProblem(s.name(), "switch name"));
            if (!s.netns().isEmpty()) {
                report(problems, Source.path(path, "netns"), Names.namespaceNameProblem(s.netns(), "namespace name"));
            }
            if (s.gatewayInterface() != null) {
                String problem = Names.interfaceNameProblem(s.gatewayInterface(), "gateway interface name");
                if (problem != null && s.gatewayInterface().equals(s.name())) {
                    problem += " (it defaults to the switch name; set gateway-interface: to choose another)";
                }
                report(problems, Source.path(path, "gateway-interface"), problem);
            }
        }
        for (Host h : t.hosts()) {
            String path = Source.path("hosts", h.name());
            report(problems, path, Names.namespaceNameProblem(h.name(), "host name"));
            for (Interface i : h.interfaces()) {
                String ipath = Source.path(path, "interfaces", i.name());
                report(problems, ipath, Names.interfaceNameProblem(i.name(), "interface name"));
                if (i.attachment() instanceof Attachment.SwitchPort p && p.port() != null) {
                    report(problems, Source.path(ipath, "port"), Names.interfaceNameProblem(p.port(), "port name"));
                }
            }
        }
    }

    private static void report(Problems problems, String path, String problem) {
        if (problem != null) {
            problems.add(path, problem);
        }
    }
}
