package dev.lanyard.control.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.control.api.ApiClient;
import dev.lanyard.tools.pcapng.Direction;
import dev.lanyard.tools.pcapng.PcapngPacket;
import dev.lanyard.tools.pcapng.PcapngReader;
import dev.lanyard.tools.trace.FrameSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code lanyard capture [SWITCH] [PORT...] [-w FILE|-] [-c COUNT] [--snaplen N] [FILTER...]}: frames of a running
 * lab's switch, as pcapng to a file or stdout, or one line per frame.
 */
@Command(name = "capture", mixinStandardHelpOptions = true,
        description = {"Capture frames at a switch's ports, with a tcpdump filter: to a pcapng file (-w FILE), "
                + "streamed to stdout (-w -, e.g. `lanyard capture -w - | tshark -r -`), or one line per frame.",
                "Stops after -c COUNT frames or on Ctrl-C, and prints on stderr how many frames were captured and "
                        + "how many the capture lost (its reader fell behind; forwarding never waits for it). "
                        + "Several captures may run at once, each with its own filter.",
                "The words are read in order: the switch (optional when the lab has one), then port names (none: "
                        + "every port, received and sent), then the filter, in tcpdump's syntax (pcap-filter(7)). "
                        + "Put a filter that starts with a port's name after --port or --.",
                "Without -w, each frame is one line: time, port, In or Out, addresses, what it carries, length. "
                        + "When the reader of stdout goes away (| head) the capture ends.",
                "Exit codes: 0 done, also when ended by Ctrl-C (the totals are on stderr), 1 failed, 2 a bad filter "
                        + "or option, or a switch or "
                        + "port the lab does not have."})
public final class CaptureCommand implements Callable<Integer> {
    static final String TRAILER_CAPTURED = "x-lanyard-captured";
    static final String TRAILER_DROPPED = "x-lanyard-dropped";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS")
            .withZone(ZoneId.systemDefault());

    @Parameters(paramLabel = "WORDS", arity = "0..*", description = "[SWITCH] [PORT...] [FILTER...]")
    private List<String> words = new ArrayList<>();

    @Option(names = "--port", paramLabel = "PORT", description = "A port to capture at (repeatable); then every "
            + "word is the filter.")
    private List<String> ports = new ArrayList<>();

    @Option(names = "-w", paramLabel = "FILE", description = "Write pcapng to FILE, or to stdout with -.")
    private String write;

    @Option(names = "-c", paramLabel = "COUNT", defaultValue = "0", description = "Stop after COUNT frames "
            + "(default: until Ctrl-C).")
    private long count;

    @Option(names = "--snaplen", paramLabel = "N", defaultValue = "262144", description = "Keep at most N bytes "
            + "of each frame (default: ${DEFAULT-VALUE}).")
    private int snaplen;

    @Mixin
    private TapOptions target;

    @Override
    public Integer call() throws Exception {
        ApiClient client = target.client();
        Selection sel = select(client, target, ports, words);
        StringBuilder query = new StringBuilder("?count=").append(count).append("&snaplen=").append(snaplen);
        for (String p : sel.ports()) {
            query.append("&port=").append(enc(p));
        }
        if (!sel.filter().isEmpty()) {
            query.append("&filter=").append(enc(sel.filter()));
        }
        String path = "/v1/switches/" + Daemons.seg(sel.sw()) + "/capture" + query;
        Map<String, String> trailers = new HashMap<>();
        try (ApiStream stream = new ApiStream("capture")) {
            int status;
            if (write == null) {
                status = printLines(client, path, stream, trailers);
            } else if (write.equals("-")) {
                status = stream.run(client, path, () -> stream.endingOnError(System.out), trailers);
            } else {
                // The file is made only once the daemon has accepted the filter and the ports.
                OutputStream[] file = new OutputStream[1];
                try {
                    status = stream.run(client, path, () -> file[0] = new FileOutputStream(Path.of(write).toFile()),
                            trailers);
                } finally {
                    if (file[0] != null) {
                        file[0].close();
                    }
                }
            }
            if (status != 200) {
                if (stream.error().startsWith("bad filter") && sel.ports().isEmpty()) {
                    System.err.println("lanyard capture: the words after the switch and its port names are the "
                            + "filter; the ports of " + sel.sw() + " are " + String.join(", ", sel.known()));
                }
                return ApiStream.exitCode(status);
            }
            System.err.println(trailers.getOrDefault(TRAILER_CAPTURED, "?") + " frames captured, "
                    + trailers.getOrDefault(TRAILER_DROPPED, "?") + " dropped");
            stream.completed();
            return 0;
        }
    }

    /**
     * One line per frame, as tcpdump prints them: time, port, direction, addresses, length. When stdout's reader
     * goes away the capture is ended, and what is still in flight is read and let go.
     */
    private static int printLines(ApiClient client, String path, ApiStream stream, Map<String, String> trailers)
            throws Exception {
        PipedInputStream in = new PipedInputStream(1 << 20);
        PipedOutputStream pipe = new PipedOutputStream(in);
        AtomicReference<Exception> failure = new AtomicReference<>();
        PrintStream out = System.out;
        Thread printer = new Thread(() -> {
            boolean printing = true;
            try (PcapngReader r = new PcapngReader(Channels.newChannel(in))) {
                for (PcapngPacket p = r.read(); p != null; p = r.read()) {
                    if (printing) {
                        out.println(TIME.format(Instant.ofEpochSecond(0, p.epochNanos())) + " " + p.interfaceName()
                                + " " + (p.direction() == Direction.INBOUND ? "In " : "Out") + " "
                                + FrameSummary.of(p.data(), p.originalLength()));
                        printing = !stream.readerGone(out);
                    }
                }
            } catch (IOException | RuntimeException e) {
                failure.set(e);
                stream.end();
            }
        }, "lanyard-capture-print");
        printer.start();
        int status;
        try (pipe) {
            status = stream.run(client, path, () -> pipe, trailers);
        } catch (IOException e) {
            if (failure.get() != null) {
                throw failure.get();
            }
            throw e;
        }
        printer.join(5_000);
        if (status == 200 && failure.get() != null) {
            throw failure.get();
        }
        return status;
    }

    /** Words to switch, ports and filter, checked against the lab's switches and ports (all of them: known). */
    record Selection(String sw, List<String> ports, String filter, List<String> known) {
    }

    static Selection select(ApiClient client, TapOptions target, List<String> namedPorts, List<String> given)
            throws IOException {
        List<String> words = new ArrayList<>(given);
        String sw = target.takeSwitch(client, words);
        int next = 0;
        List<String> ports = new ArrayList<>(namedPorts);
        List<String> known = new ArrayList<>();
        for (JsonNode p : client.require("GET", "/v1/switches/" + Daemons.seg(sw) + "/ports", null)) {
            known.add(p.path("name").asText());
        }
        if (namedPorts.isEmpty()) {
            while (next < words.size() && known.contains(words.get(next))) {
                ports.add(words.get(next++));
            }
        }
        if (next < words.size() && words.get(next).equals("--")) {
            next++;
        }
        return new Selection(sw, ports, String.join(" ", words.subList(next, words.size())), known);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
