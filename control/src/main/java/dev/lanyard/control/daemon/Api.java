package dev.lanyard.control.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.control.api.ApiException;
import dev.lanyard.control.api.ApiRequest;
import dev.lanyard.control.api.ApiResponse;
import dev.lanyard.control.api.Router;
import dev.lanyard.dataplane.fdb.Filter;
import dev.lanyard.dataplane.fdb.LearnResult;
import dev.lanyard.dataplane.forward.PortSettings;
import dev.lanyard.dataplane.frame.MacAddress;
import dev.lanyard.dataplane.port.PortKind;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The daemon's HTTP/JSON endpoints, under /v1, and Prometheus metrics at /metrics. */
public final class Api {
    private static final Set<String> PORT_KEYS = Set.of("name", "netns", "kind", "learning", "flood", "isolated",
            "macLimit", "enabled", "stormControl");
    private static final Set<String> SETTING_KEYS = Set.of("learning", "flood", "isolated", "macLimit", "enabled",
            "stormControl");

    private final LabDaemon daemon;
    private final Router router = new Router();

    /** The endpoints of a daemon. */
    public Api(LabDaemon daemon) {
        this.daemon = daemon;
        router.add("GET", "/v1", r -> ApiResponse.ok(Map.of("endpoints", router.describe())))
                .add("GET", "/v1/health", r -> ApiResponse.ok(health()))
                .add("GET", "/v1/switches", r -> ApiResponse.ok(daemon.switches().stream().map(Views::switchSummary)
                        .toList()))
                .add("GET", "/v1/switches/{switch}", r -> ApiResponse.ok(Views.switchSummary(sw(daemon, r))))
                .add("PATCH", "/v1/switches/{switch}", this::patchSwitch)
                .add("GET", "/v1/switches/{switch}/ports", r -> ApiResponse.ok(Views.ports(sw(daemon, r))))
                .add("POST", "/v1/switches/{switch}/ports", this::addPort)
                .add("GET", "/v1/switches/{switch}/ports/{port}",
                        r -> ApiResponse.ok(Views.port(sw(daemon, r), spec(r))))
                .add("PATCH", "/v1/switches/{switch}/ports/{port}", this::patchPort)
                .add("DELETE", "/v1/switches/{switch}/ports/{port}", this::deletePort)
                .add("GET", "/v1/switches/{switch}/fdb", r -> ApiResponse.ok(Views.fdb(sw(daemon, r))))
                .add("POST", "/v1/switches/{switch}/fdb", this::addFdb)
                .add("DELETE", "/v1/switches/{switch}/fdb", this::flushFdb)
                .add("DELETE", "/v1/switches/{switch}/fdb/{vlan}/{mac}", this::deleteFdb)
                .add("GET", "/metrics", r -> ApiResponse.text(200, "text/plain; version=0.0.4",
                        Metrics.render(daemon)));
        new TapApi(daemon).addTo(router);
    }

    /**
     * Runs the routing, views and JSON code once on this thread and loads the HTTP codec's classes, while the lab
     * is still being built: a fresh JVM's first API request otherwise pays for them (about 75 ms here).
     */
    public static void warmUp(LabDaemon daemon) {
        Router r = new Api(daemon).router();
        try {
            r.route("GET", "/v1/health", Map.of(), new byte[0]);
            r.route("GET", "/v1/switches", Map.of(), new byte[0]);
            for (String c : List.of("io.netty.handler.codec.http.HttpServerCodec",
                    "io.netty.handler.codec.http.HttpObjectAggregator",
                    "io.netty.handler.codec.http.DefaultFullHttpResponse",
                    "io.netty.handler.codec.http.HttpResponseStatus", "io.netty.handler.codec.http.HttpHeaderNames",
                    "io.netty.handler.codec.http.QueryStringDecoder", "io.netty.handler.timeout.IdleStateHandler")) {
                Class.forName(c, true, Api.class.getClassLoader());
            }
        } catch (Exception e) {
            // Only a head start.
        }
    }

    /** The router to serve. */
    public Router router() {
        return router;
    }

    private Map<String, Object> health() {
        Map<String, Object> m = new LinkedHashMap<>();
        List<String> missing = daemon.missing();
        m.put("lab", daemon.lab());
        m.put("pid", ProcessHandle.current().pid());
        m.put("uptimeSeconds", (System.currentTimeMillis() - daemon.startedMillis()) / 1000);
        m.put("ready", missing.isEmpty());
        m.put("switches", daemon.switches().stream().map(Views::switchSummary).toList());
        m.put("missingPorts", missing);
        m.put("memory", Views.memory());
        return m;
    }

    /** The switch a request's path names ({switch}), or a 404 that says which lab lacks it. */
    static SwitchRuntime sw(LabDaemon daemon, ApiRequest r) throws ApiException {
        String name = r.var("switch");
        return daemon.sw(name).orElseThrow(() -> ApiException.notFound("lab " + daemon.lab() + " has no switch "
                + name));
    }

    private PortSpec spec(ApiRequest r) throws ApiException {
        SwitchRuntime rt = sw(daemon, r);
        String port = r.var("port");
        return rt.spec(port).orElseThrow(() -> ApiException.notFound("switch " + rt.name() + " has no port " + port));
    }

    private ApiResponse patchSwitch(ApiRequest r) throws ApiException {
        SwitchRuntime rt = sw(daemon, r);
        ObjectNode body = r.json();
        onlyKeys(body, Set.of("agingSeconds"));
        if (body.has("agingSeconds")) {
            long s = number(body, "agingSeconds", 0, 1_000_000);
            rt.sw().fdb().agingMillis(s * 1000);
        }
        return ApiResponse.ok(Views.switchSummary(rt));
    }

    private ApiResponse addPort(ApiRequest r) throws ApiException, IOException {
        SwitchRuntime rt = sw(daemon, r);
        ObjectNode body = r.json();
        onlyKeys(body, PORT_KEYS);
        String name = text(body, "name", null);
        if (name == null) {
            throw ApiException.badRequest("a port needs \"name\": the interface to attach");
        }
        if (rt.spec(name).isPresent()) {
            throw ApiException.conflict("switch " + rt.name() + " already has a port named " + name);
        }
        String kindName = text(body, "kind", "veth");
        PortKind kind = switch (kindName) {
            case "veth" -> PortKind.VETH;
            case "tap" -> PortKind.TAP;
            case "internal" -> PortKind.INTERNAL;
            default -> throw ApiException.badRequest("kind must be veth, tap or internal, not \"" + kindName + "\"");
        };
        PortSpec spec;
        try {
            spec = new PortSpec(name, kind, text(body, "netns", ""), settings(body, PortSettings.DEFAULT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        try {
            rt.attach(spec);
            daemon.watch(spec.netns());
        } catch (IOException e) {
            rt.detach(name);
            throw ApiException.badRequest("cannot attach " + name + ": " + e.getMessage());
        }
        return ApiResponse.json(201, Views.port(rt, spec));
    }

    private ApiResponse patchPort(ApiRequest r) throws ApiException {
        SwitchRuntime rt = sw(daemon, r);
        PortSpec spec = spec(r);
        ObjectNode body = r.json();
        onlyKeys(body, SETTING_KEYS);
        rt.configure(spec.name(), settings(body, spec.settings()));
        return ApiResponse.ok(Views.port(rt, rt.spec(spec.name()).orElseThrow()));
    }

    private ApiResponse deletePort(ApiRequest r) throws ApiException, IOException {
        SwitchRuntime rt = sw(daemon, r);
        PortSpec spec = spec(r);
        rt.detach(spec.name());
        return ApiResponse.ok(Map.of("removed", spec.name()));
    }

    private ApiResponse addFdb(ApiRequest r) throws ApiException {
        SwitchRuntime rt = sw(daemon, r);
        ObjectNode body = r.json();
        onlyKeys(body, Set.of("mac", "vlan", "port"));
        long mac = mac(text(body, "mac", null));
        int vlan = (int) number(body, "vlan", 0, 4095);
        String port = text(body, "port", null);
        int index = port == null ? -1 : rt.dataplane().indexOf(port);
        if (index < 0) {
            throw ApiException.badRequest("\"port\" must name an attached port of switch " + rt.name() + ", not "
                    + port);
        }
        int result = rt.sw().fdb().addStatic(vlan, mac, index);
        if (result != LearnResult.STATIC_ADDED) {
            throw ApiException.conflict("static entry not added: " + LearnResult.label(result));
        }
        return ApiResponse.json(201, Map.of("mac", MacAddress.toString(mac), "vlan", vlan, "port", port,
                "static", true));
    }

    private ApiResponse flushFdb(ApiRequest r) throws ApiException {
        SwitchRuntime rt = sw(daemon, r);
        Filter f = "true".equals(r.param("static")) ? Filter.ANY : Filter.DYNAMIC;
        String port = r.param("port");
        if (port != null) {
            int index = rt.dataplane().indexOf(port);
            if (index < 0) {
                throw ApiException.notFound("switch " + rt.name() + " has no attached port " + port);
            }
            f = f.and(Filter.port(index));
        }
        String vlan = r.param("vlan");
        if (vlan != null) {
            f = f.and(Filter.vlan(parseInt(vlan, "vlan", 0, 4095)));
        }
        return ApiResponse.ok(Map.of("removed", rt.sw().fdb().flush(f)));
    }

    private ApiResponse deleteFdb(ApiRequest r) throws ApiException {
        SwitchRuntime rt = sw(daemon, r);
        int vlan = parseInt(r.var("vlan"), "vlan", 0, 4095);
        long mac = mac(r.var("mac"));
        if (!rt.sw().fdb().remove(vlan, mac)) {
            throw ApiException.notFound("switch " + rt.name() + " has no entry for " + MacAddress.toString(mac)
                    + " in VLAN " + vlan);
        }
        return ApiResponse.ok(Map.of("removed", MacAddress.toString(mac), "vlan", vlan));
    }

    private static PortSettings settings(ObjectNode body, PortSettings base) throws ApiException {
        try {
            return new PortSettings(bool(body, "learning", base.learning()), bool(body, "flood", base.flood()),
                    bool(body, "isolated", base.isolated()),
                    (int) number(body, "macLimit", 0, 1 << 24, base.macLimit()), bool(body, "enabled", base.enabled()),
                    body.has("stormControl") ? StormControlJson.parse(body.get("stormControl")) : base.stormControl());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static void onlyKeys(ObjectNode body, Set<String> allowed) throws ApiException {
        for (Iterator<String> it = body.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw ApiException.badRequest("unknown key \"" + k + "\"; allowed: " + String.join(", ",
                        allowed.stream().sorted().toList()));
            }
        }
    }

    private static String text(ObjectNode body, String key, String dflt) throws ApiException {
        JsonNode n = body.get(key);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isTextual()) {
            throw ApiException.badRequest("\"" + key + "\" must be a string");
        }
        return n.asText();
    }

    private static boolean bool(ObjectNode body, String key, boolean dflt) throws ApiException {
        JsonNode n = body.get(key);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isBoolean()) {
            throw ApiException.badRequest("\"" + key + "\" must be true or false");
        }
        return n.asBoolean();
    }

    private static long number(ObjectNode body, String key, long min, long max) throws ApiException {
        return number(body, key, min, max, min);
    }

    private static long number(ObjectNode body, String key, long min, long max, long dflt) throws ApiException {
        JsonNode n = body.get(key);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isIntegralNumber() || n.asLong() < min || n.asLong() > max) {
            throw ApiException.badRequest("\"" + key + "\" must be a whole number from " + min + " to " + max);
        }
        return n.asLong();
    }

    private static int parseInt(String text, String what, int min, int max) throws ApiException {
        try {
            int v = Integer.parseInt(text);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // Falls through to the message.
        }
        throw ApiException.badRequest(what + " must be a whole number from " + min + " to " + max + ", not \""
                + text + "\"");
    }

    private static long mac(String text) throws ApiException {
        if (text == null) {
            throw ApiException.badRequest("\"mac\" is missing");
        }
        try {
            return MacAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}
