package dev.lanyard.control.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.lanyard.control.api.ApiClient;
import dev.lanyard.tools.stats.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code lanyard ports [LAB]}: every port of every switch with its state and counters, like {@code bridge link}. */
@Command(name = "ports", mixinStandardHelpOptions = true,
        description = "List the switches' ports: state (forwarding, disabled, down, missing), counters and drops "
                + "by reason.")
public final class PortsCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(arity = "0..1", paramLabel = "LAB", description = "The lab (default: the one that is up).")
    private String lab;

    @Mixin
    private LabOptions labs;

    @Option(names = "--switch", description = "Only this switch.")
    private String switchName;

    @Option(names = "--json", description = "JSON instead of a table.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        String name = labs.resolve(lab);
        ApiClient client = Daemons.client(labs, name);
        ArrayNode all = JSON.createArrayNode();
        StringBuilder text = new StringBuilder();
        for (JsonNode sw : client.require("GET", "/v1/switches", null)) {
            String s = sw.path("name").asText();
            if (switchName != null && !switchName.equals(s)) {
                continue;
            }
            JsonNode ports = client.require("GET", "/v1/switches/" + Daemons.seg(s) + "/ports", null);
            all.addObject().put("switch", s).set("ports", ports);
            text.append("switch ").append(s).append('\n').append(table(ports).render());
        }
        if (switchName != null && all.isEmpty()) {
            throw new IllegalArgumentException("lab " + name + " has no switch " + switchName);
        }
        System.out.print(json ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(all) + "\n" : text);
        return 0;
    }

    static TextTable table(JsonNode ports) {
        TextTable t = new TextTable("port", "kind", "state", "netns", "rx", "tx", "flooded", "rx_drops", "tx_drops",
                "learned", "latency_us p50/p99/p99.9/max", "drop reasons");
        for (JsonNode p : ports) {
            JsonNode c = p.path("counters");
            t.row(p.path("name").asText(), p.path("kind").asText(), p.path("state").asText(),
                    p.path("netns").asText().isEmpty() ? "-" : p.path("netns").asText(),
                    c.path("rx_frames").asLong(), c.path("tx_frames").asLong(), c.path("flooded").asLong(),
                    c.path("rx_drops").asLong(), c.path("tx_drops").asLong(), p.path("learned").asLong(),
                    latency(p.path("latency")), reasons(p));
        }
        return t;
    }

    /** "12.1/40.2/88.0/120.5" in microseconds, or "-" before the first frame. */
    private static String latency(JsonNode l) {
        if (l.path("frames").asLong() == 0) {
            return "-";
        }
        return LatencyCommand.micros(l.path("p50Nanos").asLong()) + "/" + LatencyCommand.micros(l.path("p99Nanos")
                .asLong()) + "/" + LatencyCommand.micros(l.path("p999Nanos").asLong()) + "/"
                + LatencyCommand.micros(l.path("maxNanos").asLong());
    }

    private static String reasons(JsonNode p) {
        StringBuilder sb = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = p.path("drops").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            sb.append(sb.length() == 0 ? "" : " ").append(e.getKey()).append('=').append(e.getValue().asLong());
        }
        if (p.has("reason")) {
            sb.append(sb.length() == 0 ? "" : " ").append("(").append(p.path("reason").asText()).append(")");
        }
        return sb.length() == 0 ? "-" : sb.toString();
    }
}
