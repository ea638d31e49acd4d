package dev.lanyard.control.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.control.api.ApiClient;
import dev.lanyard.tools.stats.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code lanyard latency [SWITCH] [--reset]}: how long frames spend in the switch, per port. */
@Command(name = "latency", mixinStandardHelpOptions = true,
        description = "Time frames received on each port spent in the switch, from the RX ring's timestamp to the "
                + "end of the transmit kick: frames, p50, p99, p99.9 and max in microseconds, since the port was "
                + "added or the last --reset (lanyard ports shows the same figures). Exit codes: 0 done, 1 failed, 2 a "
                + "switch the lab does not have.")
public final class LatencyCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(arity = "0..1", paramLabel = "SWITCH", description = "The switch (default: the lab's only one).")
    private String switchName;

    @Option(names = "--lab", paramLabel = "LAB", description = "The lab (default: the one that is up).")
    private String lab;

    @Option(names = "--reset", description = "Forget what was measured so far (and show the empty histograms).")
    private boolean reset;

    @Option(names = "--json", description = "JSON instead of a table.")
    private boolean json;

    @Mixin
    private LabOptions labs;

    @Override
    public Integer call() throws Exception {
        ApiClient client = Daemons.client(labs, labs.resolve(lab));
        String sw = Daemons.switchName(client, switchName);
        ApiClient.Reply reply = client.call(reset ? "DELETE" : "GET", "/v1/switches/" + Daemons.seg(sw)
                + "/latency", null);
        if (reply.status() == 404) {
            throw new UsageException(reply.error());
        }
        if (!reply.ok()) {
            throw new IOException(reply.error());
        }
        JsonNode ports = reply.body();
        if (json) {
            System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(ports));
            return 0;
        }
        TextTable t = new TextTable("port", "frames", "p50_us", "p99_us", "p99.9_us", "max_us");
        for (JsonNode p : ports) {
            JsonNode l = p.path("latency");
            t.row(p.path("port").asText(), l.path("frames").asLong(), micros(l.path("p50Nanos").asLong()),
                    micros(l.path("p99Nanos").asLong()), micros(l.path("p999Nanos").asLong()),
                    micros(l.path("maxNanos").asLong()));
        }
        System.out.print("switch " + sw + (reset ? " (reset)" : "") + "\n" + t.render());
        return 0;
    }

    static String micros(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1000.0);
    }
}
