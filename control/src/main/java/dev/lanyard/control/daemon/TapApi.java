package dev.lanyard.control.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.control.api.ApiException;
import dev.lanyard.control.api.ApiRequest;
import dev.lanyard.control.api.ApiResponse;
import dev.lanyard.control.api.Router;
import dev.lanyard.dataplane.Switch;
import dev.lanyard.dataplane.latency.LatencySummary;
import dev.lanyard.dataplane.tap.CaptureSession;
import dev.lanyard.dataplane.tap.CaptureSpec;
import dev.lanyard.dataplane.tap.LiveTrace;
import dev.lanyard.dataplane.trace.Tracer;
import dev.lanyard.tools.capture.CaptureResult;
import dev.lanyard.tools.capture.CaptureWriter;
import dev.lanyard.tools.capture.Captures;
import dev.lanyard.tools.filter.FilterException;
import dev.lanyard.tools.pcapng.PcapngWriter;
import dev.lanyard.tools.trace.FrameSpec;
import dev.lanyard.tools.trace.LiveTracer;
import dev.lanyard.tools.trace.TraceReports;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The daemon's endpoints for seeing frames: captures streamed as pcapng, synthetic and live traces, and the per-port
 * latency histograms. A capture or a live trace runs for as long as its client reads it: it ends at its count, or
 * when the client goes away, and the switch never waits for it (a reader that falls behind loses frames, counted).
 */
final class TapApi {
    /** The media type of a pcapng stream. */
    static final String PCAPNG = "application/vnd.tcpdump.pcapng";
    /** Trailers of a capture stream: frames written and frames the capture lost. */
    static final String CAPTURED = "X-Lanyard-Captured";
    static final String DROPPED = "X-Lanyard-Dropped";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Watches streaming clients, so that one that leaves while nothing matches ends its capture. */
    private static final ScheduledExecutorService WATCH = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lanyard-tap-watch");
        t.setDaemon(true);
        return t;
    });

    private final LabDaemon daemon;

    TapApi(LabDaemon daemon) {
        this.daemon = daemon;
    }

    /** Adds the routes to a router. */
    void addTo(Router router) {
        router.add("GET", "/v1/switches/{switch}/capture", this::capture)
                .add("POST", "/v1/switches/{switch}/trace", this::trace)
                .add("GET", "/v1/switches/{switch}/trace/live", this::liveTrace)
                .add("GET", "/v1/switches/{switch}/latency", r -> ApiResponse.ok(latency(Api.sw(daemon, r))))
                .add("DELETE", "/v1/switches/{switch}/latency", r -> {
                    SwitchRuntime rt = Api.sw(daemon, r);
                    rt.sw().latency().resetAll();
                    return ApiResponse.ok(latency(rt));
                });
    }

    /**
     * {@code ?port=P&port=Q&count=N&snaplen=N&filter=EXPR}: every port by default, no count limit, whole frames, every
     * frame. The body is pcapng; its trailers say how many frames were captured and dropped.
     */
    private ApiResponse capture(ApiRequest r) throws ApiException {
        SwitchRuntime rt = Api.sw(daemon, r);
        Switch sw = rt.sw();
        long count = number(r, "count", 0, 0, Long.MAX_VALUE);
        int snaplen = (int) number(r, "snaplen", CaptureSpec.MAX_SNAPLEN, 1, CaptureSpec.MAX_SNAPLEN);
        CaptureSession session = start(() -> Captures.start(sw, ports(r), snaplen, r.param("filter")));
        return ApiResponse.stream(PCAPNG, sink -> {
            CaptureWriter writer = null;
            ScheduledFuture<?> watch = null;
            try (PcapngWriter out = new PcapngWriter(new SinkChannel(sink))) {
                writer = new CaptureWriter(session, out, Captures.portNames(sw), count);
                CaptureWriter w = writer;
                watch = WATCH.scheduleWithFixedDelay(() -> {
                    if (!sink.open()) {
                        w.stop();
                    }
                }, 200, 200, TimeUnit.MILLISECONDS);
                CaptureResult result = w.run();
                sink.trailer(CAPTURED, Long.toString(result.written()));
                sink.trailer(DROPPED, Long.toString(result.dropped()));
            } catch (ClosedChannelException gone) {
                // The client left; run() has stopped the capture on its way out.
            } finally {
                if (watch != null) {
                    watch.cancel(false);
                }
                session.close();
            }
        });
    }

    /** {@code {"in": PORT, "frame": "src=.. dst=.." | "hex"}}: the path a frame would take, without sending it. */
    private ApiResponse trace(ApiRequest r) throws ApiException {
        SwitchRuntime rt = Api.sw(daemon, r);
        ObjectNode body = r.json();
        for (String k : (Iterable<String>) body::fieldNames) {
            if (!Set.of("in", "frame").contains(k)) {
                throw ApiException.badRequest("unknown key \"" + k + "\"; a trace takes \"in\" and \"frame\"");
            }
        }
        if (!body.path("in").isTextual() || !body.path("frame").isTextual()) {
            throw ApiException.badRequest("a trace needs \"in\": the ingress port, and \"frame\": the frame as "
                    + "fields (src=02:00:00:00:00:01 dst=ff:ff:ff:ff:ff:ff ...) or hex");
        }
        String in = body.get("in").asText();
        int index = rt.sw().ports().indexOf(in);
        if (index < 0) {
            throw ApiException.notFound("switch " + rt.name() + " has no port " + in);
        }
        byte[] frame;
        try {
            frame = FrameSpec.parse(body.get("frame").asText());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("frame: " + e.getMessage());
        }
        return ApiResponse.ok(TraceReports.of(Tracer.trace(rt.sw(), index, frame)));
    }

    /** {@code ?port=P&count=N&filter=EXPR}: traces of real frames as they pass, one JSON object per line. */
    private ApiResponse liveTrace(ApiRequest r) throws ApiException {
        SwitchRuntime rt = Api.sw(daemon, r);
        long count = number(r, "count", 0, 0, Long.MAX_VALUE);
        LiveTrace trace = start(() -> LiveTracer.start(rt.sw(), ports(r), r.param("filter")));
        return ApiResponse.stream("application/x-ndjson", sink -> {
            LiveTracer tracer = new LiveTracer(rt.sw(), trace, count);
            ScheduledFuture<?> watch = WATCH.scheduleWithFixedDelay(() -> {
                if (!sink.open()) {
                    tracer.stop();
                }
            }, 200, 200, TimeUnit.MILLISECONDS);
            try {
                tracer.run(report -> {
                    try {
                        byte[] line = (JSON.writeValueAsString(report) + "\n").getBytes(StandardCharsets.UTF_8);
                        if (!sink.write(line, 0, line.length)) {
                            tracer.stop();
                        }
                    } catch (IOException e) {
                        tracer.stop();
                    }
                });
                sink.trailer(DROPPED, Long.toString(tracer.dropped()));
            } finally {
                watch.cancel(false);
                trace.close();
            }
        });
    }

    /** Each port's time in the switch since it was added or last reset: p50, p99, p99.9 and max in ns. */
    static List<Map<String, Object>> latency(SwitchRuntime rt) {
        return rt.specs().stream().map(spec -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("port", spec.name());
            int index = rt.dataplane().indexOf(spec.name());
            m.put("latency", view(index < 0 ? LatencySummary.EMPTY : rt.sw().latency().summary(index)));
            return m;
        }).toList();
    }

    /** A latency summary as JSON values, in nanoseconds. */
    static Map<String, Object> view(LatencySummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("frames", s.count());
        m.put("p50Nanos", s.p50());
        m.put("p99Nanos", s.p99());
        m.put("p999Nanos", s.p999());
        m.put("maxNanos", s.max());
        return m;
    }

    private static List<String> ports(ApiRequest r) {
        return r.query().getOrDefault("port", List.of());
    }

    private static long number(ApiRequest r, String name, long fallback, long min, long max) throws ApiException {
        String v = r.param(name);
        if (v == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v);
            if (n < min || n > max) {
                throw ApiException.badRequest(name + " must be between " + min + " and " + max + ", not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a whole number, not \"" + v + "\"");
        }
    }

    /** Starts a tap; a bad filter and an unknown port become 400 and 404 with their text. */
    private static <T> T start(Starter<T> starter) throws ApiException {
        try {
            return starter.start();
        } catch (FilterException e) {
            throw ApiException.badRequest(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw e.getMessage() != null && e.getMessage().startsWith("no port named")
                    ? ApiException.notFound(e.getMessage()) : ApiException.badRequest(e.getMessage());
        } catch (IllegalStateException e) {
            throw ApiException.conflict(e.getMessage());
        }
    }

    @FunctionalInterface
    private interface Starter<T> {
        T start() throws FilterException;
    }

    /** A channel over an API stream; writing after the client left throws {@link ClosedChannelException}. */
    private static final class SinkChannel implements WritableByteChannel {
        private final ApiResponse.StreamSink sink;
        private byte[] buf = new byte[64 * 1024];
        private boolean open = true;

        SinkChannel(ApiResponse.StreamSink sink) {
            this.sink = sink;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            if (!open) {
                throw new ClosedChannelException();
            }
            int n = src.remaining();
            if (buf.length < n) {
                buf = new byte[n];
            }
            src.get(buf, 0, n);
            if (!sink.write(buf, 0, n)) {
                open = false;
                throw new ClosedChannelException();
            }
            return n;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
