package dev.lanyard.control.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.control.api.ApiClient;
import dev.lanyard.tools.pcapng.PcapngPacket;
import dev.lanyard.tools.pcapng.PcapngReader;
import dev.lanyard.tools.trace.FrameSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
                        + "every port, received and sent), then the filter. Put a filter that starts with a port's "
                        + "name after --port or --."})
public final class CaptureCommand implements Callable<Integer> {
    static final String TRAILER_CAPTURED = "x-lanyard-captured";
    static final String TRAILER_DROPPED = "x-lanyard-dropped";
    private static final ObjectMapper JSON = new ObjectMapper();
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
        Stream stream = new Stream("capture");
        Thread hook = new Thread(stream::stop, "lanyard-capture-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            int status;
            if (write != null) {
                try (OutputStream out = write.equals("-") ? System.out
                        : new FileOutputStream(Path.of(write).toFile())) {
                    status = stream.run(client, path, out, trailers);
                }
            } else {
                status = printLines(client, path, stream, trailers);
            }
            if (status != 200) {
                return status == 404 || status == 400 ? 2 : 1;
            }
            System.err.println(trailers.getOrDefault(TRAILER_CAPTURED, "?") + " frames captured, "
                    + trailers.getOrDefault(TRAILER_DROPPED, "?") + " dropped");
            return 0;
        } finally {
            // On Ctrl-C the hook waits for this, so that the summary above is printed before the JVM exits.
            stream.done();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException exiting) {
                // Ctrl-C: the hook is running.
            }
        }
    }

    /** One line per frame, as tcpdump prints them: time, port, direction, addresses, length. */
    private static int printLines(ApiClient client, String path, Stream stream, Map<String, String> trailers)
            throws Exception {
        PipedInputStream in = new PipedInputStream(1 << 20);
        PipedOutputStream pipe = new PipedOutputStream(in);
        AtomicReference<Exception> failure = new AtomicReference<>();
        PrintStream out = System.out;
        Thread printer = new Thread(() -> {
            try (PcapngReader r = new PcapngReader(Channels.newChannel(in))) {
                for (PcapngPacket p = r.read(); p != null; p = r.read()) {
                    out.println(TIME.format(Instant.ofEpochSecond(0, p.epochNanos())) + " " + p.interfaceName()
                            + " " + (p.direction().name().equals("INBOUND") ? "In " : "Out") + " "
                            + FrameSummary.of(p.data(), p.originalLength()));
                }
            } catch (IOException | RuntimeException e) {
                failure.set(e);
            }
        }, "lanyard-capture-print");
        printer.start();
        int status;
        try (pipe) {
            status = stream.run(client, path, pipe, trailers);
        }
        printer.join(5_000);
        if (status == 200 && failure.get() != null) {
            throw failure.get();
        }
        return status;
    }

    /** Words to switch, ports and filter, checked against the lab's switches and ports. */
    record Selection(String sw, List<String> ports, String filter) {
    }

    static Selection select(ApiClient client, TapOptions target, List<String> namedPorts, List<String> given)
            throws IOException {
        List<String> words = new ArrayList<>(given);
        String sw = target.takeSwitch(client, words);
        int next = 0;
        List<String> ports = new ArrayList<>(namedPorts);
        if (namedPorts.isEmpty()) {
            Set<String> known = new HashSet<>();
            for (JsonNode p : client.require("GET", "/v1/switches/" + Daemons.seg(sw) + "/ports", null)) {
                known.add(p.path("name").asText());
            }
            while (next < words.size() && known.contains(words.get(next))) {
                ports.add(words.get(next++));
            }
        }
        if (next < words.size() && words.get(next).equals("--")) {
            next++;
        }
        return new Selection(sw, ports, String.join(" ", words.subList(next, words.size())));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The streaming call, which Ctrl-C ends gracefully so that the daemon still sends its totals. */
    static final class Stream {
        private final AtomicReference<SocketChannel> connection = new AtomicReference<>();
        private final CountDownLatch finished = new CountDownLatch(1);
        private final String command;

        /** A stream for the command of that name ("capture", "trace"), which its error messages start with. */
        Stream(String command) {
            this.command = command;
        }

        int run(ApiClient client, String path, OutputStream out, Map<String, String> trailers) throws IOException {
            ByteArrayOutputStream error = new ByteArrayOutputStream();
            int status = client.exchange("GET", path, null, code -> code == 200 ? out : error, trailers,
                    connection::set);
            out.flush();
            if (status != 200) {
                String message = error.toString(StandardCharsets.UTF_8);
                try {
                    message = JSON.readTree(message).path("error").asText(message);
                } catch (IOException notJson) {
                    // Keep the text as it came.
                }
                System.err.println("lanyard " + command + ": " + message);
            }
            return status;
        }

        /** Asks the daemon to end the stream (its side sees our output shut) and waits a little for the totals. */
        void stop() {
            SocketChannel ch = connection.get();
            if (ch != null && ch.isOpen()) {
                try {
                    ch.shutdownOutput();
                } catch (IOException gone) {
                    return;
                }
            }
            try {
                finished.await(3, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void done() {
            finished.countDown();
        }
    }
}
