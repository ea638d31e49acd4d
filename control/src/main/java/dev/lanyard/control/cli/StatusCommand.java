package dev.lanyard.control.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.control.api.ApiClient;
import dev.lanyard.control.lab.DaemonControl;
import dev.lanyard.control.lab.SystemObserver;
import dev.lanyard.control.netns.NetNamespaces;
import dev.lanyard.control.reconcile.LabRecord;
import dev.lanyard.control.reconcile.ObservedLink;
import dev.lanyard.control.reconcile.ObservedState;
import dev.lanyard.control.reconcile.RecordedLink;
import dev.lanyard.control.topology.Topologies;
import dev.lanyard.control.topology.TopologyException;
import dev.lanyard.tools.stats.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code lanyard status [LAB]}: namespaces, links with both ends, addresses, ports and the daemon's health. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show a lab: its namespaces, links (both ends, addresses, state), switch ports and whether its "
                + "daemon is healthy. Exit 0 when the lab is up and every port forwards, 1 otherwise.")
public final class StatusCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(arity = "0..1", paramLabel = "LAB", description = "The lab (default: the one that is up).")
    private String lab;

    @Mixin
    private LabOptions labs;

    @Option(names = "--json", description = "JSON instead of text.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        String name = labs.resolve(lab);
        LabRecord record = labs.store().load(name);
        ObservedState observed = new SystemObserver(new NetNamespaces()).observe(record.namespaces());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("lab", name);
        out.put("topology", record.topologyFile());
        out.put("namespaces", record.namespaces().stream().map(n -> Map.of("name", n, "exists",
                observed.hasNamespace(n))).toList());
        List<Map<String, Object>> links = new ArrayList<>();
        for (RecordedLink l : record.links()) {
            links.add(link(l, observed));
        }
        out.put("links", links);
        Optional<ProcessHandle> daemon = new DaemonControl(labs.paths()).find(name);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("running", daemon.isPresent());
        daemon.ifPresent(p -> d.put("pid", p.pid()));
        boolean healthy = false;
        List<Object> switches = new ArrayList<>();
        if (daemon.isPresent()) {
            try {
                ApiClient client = new ApiClient(labs.paths().socket(name));
                JsonNode health = client.require("GET", "/v1/health", null);
                healthy = health.path("ready").asBoolean();
                d.put("ready", healthy);
                d.put("uptimeSeconds", health.path("uptimeSeconds").asLong());
                d.put("missingPorts", health.path("missingPorts"));
                for (JsonNode sw : health.path("switches")) {
                    String s = sw.path("name").asText();
                    JsonNode ports = client.require("GET", "/v1/switches/" + Daemons.seg(s) + "/ports", null);
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("switch", sw);
                    m.put("ports", ports);
                    switches.add(m);
                    for (JsonNode p : ports) {
                        healthy &= "forwarding".equals(p.path("state").asText());
                    }
                }
            } catch (IOException e) {
                d.put("error", e.getMessage());
            }
        }
        boolean needsDaemon = hasSwitches(name);
        d.put("needed", needsDaemon);
        if (!needsDaemon) {
            healthy = record.namespaces().stream().allMatch(observed::hasNamespace)
                    && links.stream().allMatch(StatusCommand::present);
        }
        out.put("daemon", d);
        out.put("switches", switches);
        if (json) {
            System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out));
        } else {
            System.out.print(text(name, record, links, d, switches));
        }
        return healthy ? 0 : Main.FAILED;
    }

    private boolean hasSwitches(String lab) {
        try {
            return !Topologies.read(labs.paths().topology(lab)).switches().isEmpty();
        } catch (IOException | TopologyException e) {
            return true;
        }
    }

    @SuppressWarnings("unchecked")
    private static boolean present(Map<String, Object> link) {
        return ((List<Map<String, Object>>) link.get("ends")).stream().allMatch(e -> Boolean.TRUE.equals(
                e.get("exists")));
    }

    private static Map<String, Object> link(RecordedLink l, ObservedState observed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", l.kind().toString().toLowerCase(java.util.Locale.ROOT));
        List<Map<String, Object>> ends = new ArrayList<>();
        for (RecordedLink.Place p : l.ends()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("namespace", p.namespace());
            e.put("name", p.name());
            Optional<ObservedLink> o = observed.link(p.namespace(), p.name());
            e.put("exists", o.isPresent());
            o.ifPresent(x -> {
                e.put("up", x.up());
                e.put("mac", x.mac() == null ? null : x.mac().toString());
                e.put("mtu", x.mtu());
                e.put("addresses", x.addresses().stream().filter(a -> !a.address().isLinkLocal())
                        .map(Object::toString).toList());
            });
            ends.add(e);
        }
        m.put("ends", ends);
        return m;
    }

    @SuppressWarnings("unchecked")
    private static String text(String name, LabRecord record, List<Map<String, Object>> links, Map<String, Object> d,
            List<Object> switches) {
        StringBuilder sb = new StringBuilder();
        sb.append("lab ").append(name).append(" (").append(record.topologyFile() == null ? "no topology recorded"
                : record.topologyFile()).append(")\n");
        String ready = Boolean.TRUE.equals(d.get("ready")) ? ", all ports attached"
                : ", not ready " + d.get("missingPorts");
        String daemon = Boolean.TRUE.equals(d.get("running")) ? "running, pid " + d.get("pid") + ready
                : Boolean.FALSE.equals(d.get("needed")) ? "none (the lab has no switches)" : "not running";
        sb.append("daemon: ").append(daemon).append('\n');
        sb.append("namespaces: ").append(record.namespaces().isEmpty() ? "-" : String.join(" ", record.namespaces()))
                .append('\n');
        TextTable t = new TextTable("link", "end", "other end", "state", "addresses");
        for (Map<String, Object> l : links) {
            List<Map<String, Object>> ends = (List<Map<String, Object>>) l.get("ends");
            Map<String, Object> a = ends.get(0);
            Map<String, Object> b = ends.size() > 1 ? ends.get(1) : null;
            t.row(l.get("kind"), where(a), b == null ? "-" : where(b), state(a) + (b == null ? "" : "/" + state(b)),
                    addrs(a) + (b == null || addrs(b).equals("-") ? "" : " | " + addrs(b)));
        }
        sb.append("links:\n").append(t.render());
        for (Object o : switches) {
            Map<String, Object> m = (Map<String, Object>) o;
            JsonNode sw = (JsonNode) m.get("switch");
            sb.append("switch ").append(sw.path("name").asText()).append(": ").append(sw.path("workers").asInt())
                    .append(" worker(s), fdb ").append(sw.path("fdbSize").asLong()).append('/')
                    .append(sw.path("fdbCapacity").asLong()).append(", ageing ").append(sw.path("agingSeconds")
                    .asLong()).append(" s\n").append(PortsCommand.table((JsonNode) m.get("ports")).render());
        }
        return sb.toString();
    }

    private static String where(Map<String, Object> end) {
        String ns = (String) end.get("namespace");
        return (ns.isEmpty() ? "" : ns + "/") + end.get("name");
    }

    private static String state(Map<String, Object> end) {
        if (!Boolean.TRUE.equals(end.get("exists"))) {
            return "absent";
        }
        return Boolean.TRUE.equals(end.get("up")) ? "up" : "down";
    }

    @SuppressWarnings("unchecked")
    private static String addrs(Map<String, Object> end) {
        Object a = end.get("addresses");
        if (!(a instanceof List<?> l) || l.isEmpty()) {
            return "-";
        }
        return ((List<Object>) a).stream().map(Object::toString).collect(Collectors.joining(","));
    }
}
