package dev.lanyard.control.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.control.api.ApiClient;
import dev.lanyard.tools.pcapng.PcapngPacket;
import dev.lanyard.tools.pcapng.PcapngReader;
import dev.lanyard.tools.trace.TraceReport;
import dev.lanyard.tools.trace.TraceText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code lanyard trace}: the path a frame takes through a switch and why, as {@code ovs-appctl ofproto/trace} shows
 * it: a frame described on the command line (not sent), the frames of a pcapng file, or real frames as they pass.
 */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = {"Explain a frame's path through a switch: decode, learn, lookup, action.",
                "  lanyard trace [SWITCH] --in PORT FRAME...   a frame made from fields, without sending it: "
                        + "src=MAC dst=MAC vlan=N pcp=N svlan=N type=0xNNNN len=N, arp|icmp|udp with sip= dip= "
                        + "sport= dport=, or the bytes as hex (hex=... or the digits alone)",
                "  lanyard trace [SWITCH] --in PORT --read FILE   each frame of a pcapng file, as if it came in on "
                        + "PORT",
                "  lanyard trace [SWITCH] --live [-c COUNT] [FILTER...]   real frames that match, with the time "
                        + "each spent in the switch; until COUNT or Ctrl-C"})
public final class TraceCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(paramLabel = "WORDS", arity = "0..*", description = "[SWITCH] then the frame's fields, or with "
            + "--live the filter.")
    private List<String> words = new ArrayList<>();

    @Option(names = "--in", paramLabel = "PORT", description = "The port the frame comes in on.")
    private String in;

    @Option(names = "--read", paramLabel = "FILE", description = "Trace the frames of a pcapng file.")
    private Path read;

    @Option(names = "--live", description = "Trace real frames as they pass.")
    private boolean live;

    @Option(names = "--port", paramLabel = "PORT", description = "With --live: only frames received on this port "
            + "(repeatable; default every port).")
    private List<String> ports = new ArrayList<>();

    @Option(names = "-c", paramLabel = "COUNT", defaultValue = "0", description = "With --live: stop after COUNT "
            + "frames (default: until Ctrl-C).")
    private long count;

    @Option(names = "--json", description = "The traces as JSON.")
    private boolean json;

    @Mixin
    private TapOptions target;

    @Override
    public Integer call() throws Exception {
        ApiClient client = target.client();
        List<String> rest = new ArrayList<>(words);
        String sw = target.takeSwitch(client, rest);
        String base = "/v1/switches/" + Daemons.seg(sw) + "/trace";
        if (live) {
            return live(client, base, rest);
        }
        if (in == null) {
            throw new IllegalArgumentException("say which port the frame comes in on with --in PORT");
        }
        if (read != null) {
            if (!rest.isEmpty()) {
                throw new IllegalArgumentException("--read takes the frames from the file; drop " + rest);
            }
            try (PcapngReader r = PcapngReader.open(read)) {
                for (PcapngPacket p : r) {
                    if (!show(client, base, HexFormat.of().formatHex(p.data()))) {
                        return 2;
                    }
                }
            }
            return 0;
        }
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("describe the frame: src=MAC dst=MAC ..., or its bytes in hex");
        }
        return show(client, base, String.join(" ", rest)) ? 0 : 2;
    }

    /** Prints one trace; false (after saying why) when the daemon refused the port or the frame. */
    private boolean show(ApiClient client, String path, String frame) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("in", in).put("frame", frame);
        ApiClient.Reply reply = client.call("POST", path, body);
        if (reply.status() == 400 || reply.status() == 404) {
            System.err.println("lanyard trace: " + reply.error());
            return false;
        }
        if (!reply.ok()) {
            throw new IOException(reply.error());
        }
        JsonNode report = reply.body();
        System.out.print(json ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n"
                : TraceText.render(JSON.treeToValue(report, TraceReport.class)) + "\n");
        return true;
    }

    private int live(ApiClient client, String base, List<String> filter) throws IOException {
        StringBuilder q = new StringBuilder("?count=").append(count);
        for (String p : ports) {
            q.append("&port=").append(URLEncoder.encode(p, StandardCharsets.UTF_8));
        }
        if (!filter.isEmpty()) {
            q.append("&filter=").append(URLEncoder.encode(String.join(" ", filter), StandardCharsets.UTF_8)
                    .replace("+", "%20"));
        }
        Map<String, String> trailers = new HashMap<>();
        CaptureCommand.Stream stream = new CaptureCommand.Stream("trace");
        Thread hook = new Thread(stream::stop, "lanyard-trace-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        long[] shown = {0};
        try {
            int status = stream.run(client, base + "/live" + q, new Lines(line -> {
                System.out.print(json ? line + "\n" : TraceText.render(JSON.readValue(line, TraceReport.class))
                        + "\n");
                System.out.flush();
                shown[0]++;
            }), trailers);
            if (status != 200) {
                return status == 404 || status == 400 ? 2 : 1;
            }
            System.err.println(shown[0] + " frames traced, " + trailers.getOrDefault(CaptureCommand.TRAILER_DROPPED,
                    "?") + " missed");
            return 0;
        } finally {
            stream.done();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException exiting) {
                // Ctrl-C: the hook is running.
            }
        }
    }

    /** Splits a stream into lines and hands each over. */
    private static final class Lines extends OutputStream {
        private final LineSink sink;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        Lines(LineSink sink) {
            this.sink = sink;
        }

        @Override
        public void write(int b) throws IOException {
            if (b == '\n') {
                sink.accept(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }
    }

    @FunctionalInterface
    private interface LineSink {
        void accept(String line) throws IOException;
    }
}
