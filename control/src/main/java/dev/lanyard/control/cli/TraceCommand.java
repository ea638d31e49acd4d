package dev.lanyard.control.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.control.api.ApiClient;
import dev.lanyard.tools.pcapng.Direction;
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
                        + "sport= dport=, or the bytes as hex (hex=..., or the digits alone from 6 bytes on)",
                "  lanyard trace [SWITCH] --read FILE [--in PORT]   the frames of a pcapng file (lanyard capture -w): "
                        + "each received frame on the port it was captured at, or every frame as if it came in on "
                        + "PORT",
                "  lanyard trace [SWITCH] --live [-c COUNT] [FILTER...]   real frames that match, with the time "
                        + "each spent in the switch; until COUNT or Ctrl-C",
                "The switch is optional when the lab has one. Exit codes: 0 done, 1 failed, 2 a bad frame, "
                        + "filter or option, or a switch or port the lab does not have."})
public final class TraceCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(paramLabel = "WORDS", arity = "0..*", description = "[SWITCH] then the frame's fields, or with "
            + "--live the filter.")
    private List<String> words = new ArrayList<>();

    @Option(names = "--in", paramLabel = "PORT", description = "The port the frame comes in on (with --read: "
            + "every frame of the file).")
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

    private long shown;

    @Override
    public Integer call() throws Exception {
        ApiClient client = target.client();
        List<String> rest = new ArrayList<>(words);
        String sw = target.takeSwitch(client, rest);
        String base = "/v1/switches/" + Daemons.seg(sw) + "/trace";
        if (live) {
            if (in != null || read != null) {
                throw new UsageException("--live follows real frames; it takes no --in or --read");
            }
            return live(client, base, rest);
        }
        if (!ports.isEmpty()) {
            throw new UsageException("--port is for --live; say where the frame comes in with --in PORT");
        }
        if (read != null) {
            if (!rest.isEmpty()) {
                throw new UsageException("--read takes the frames from the file; drop " + String.join(" ", rest));
            }
            return readFile(client, base);
        }
        if (in == null) {
            throw new UsageException("say which port the frame comes in on with --in PORT");
        }
        if (rest.isEmpty()) {
            throw new UsageException("describe the frame: src=MAC dst=MAC ..., or its bytes in hex");
        }
        return show(client, base, in, String.join(" ", rest)) ? 0 : Main.USAGE;
    }

    /**
     * The frames of a pcapng file: each as if received on --in, or without it each received frame (In) on the port
     * it was captured at, as {@code lanyard capture -w} names them; frames the switch sent (Out) are its own output.
     */
    private int readFile(ApiClient client, String base) throws IOException {
        try (PcapngReader r = PcapngReader.open(read)) {
            for (PcapngPacket p : r) {
                if (in == null && p.direction() == Direction.OUTBOUND) {
                    continue;
                }
                String port = in != null ? in : p.interfaceName();
                if (port == null || port.isEmpty()) {
                    throw new UsageException(read + " does not name the port of each frame; say which with --in");
                }
                if (!show(client, base, port, HexFormat.of().formatHex(p.data()))) {
                    return Main.USAGE;
                }
            }
        }
        return 0;
    }

    /** Prints one trace; false (after saying why) when the daemon refused the port or the frame. */
    private boolean show(ApiClient client, String path, String port, String frame) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("in", port).put("frame", frame);
        ApiClient.Reply reply = client.call("POST", path, body);
        if (reply.status() == 400 || reply.status() == 404) {
            System.err.println("lanyard trace: " + reply.error());
            return false;
        }
        if (!reply.ok()) {
            throw new IOException(reply.error());
        }
        print(reply.body());
        return true;
    }

    /** A trace as text (a blank line between two) or as JSON, one object per line with --live. */
    private void print(JsonNode report) throws IOException {
        String text = json ? (live ? JSON.writeValueAsString(report) : JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(report)) + "\n" : TraceText.render(JSON.treeToValue(report, TraceReport.class));
        System.out.print(shown++ > 0 && !json ? "\n" + text : text);
        System.out.flush();
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
        try (ApiStream stream = new ApiStream("trace")) {
            boolean[] gone = {false};
            int status = stream.run(client, base + "/live" + q, () -> new Lines(line -> {
                if (!gone[0]) {
                    print(JSON.readTree(line));
                    gone[0] = stream.readerGone(System.out);
                }
            }), trailers);
            if (status != 200) {
                return ApiStream.exitCode(status);
            }
            System.err.println(shown + (shown == 1 ? " frame" : " frames") + " traced, "
                    + trailers.getOrDefault(CaptureCommand.TRAILER_DROPPED, "?") + " missed");
            stream.completed();
            return 0;
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
