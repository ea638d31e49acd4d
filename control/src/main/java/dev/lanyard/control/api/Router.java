package dev.lanyard.control.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps method and path to a handler; paths are patterns with {name} segments. An unknown path is a 404, a known
 * path with another method a 405 naming the allowed ones.
 */
public final class Router {
    /** Handles one request. */
    @FunctionalInterface
    public interface Handler {
        /** The response; throw {@link ApiException} to refuse. */
        ApiResponse handle(ApiRequest request) throws Exception;
    }

    private record Route(String method, String[] segments, Handler handler) {
    }

    private final List<Route> routes = new ArrayList<>();

    /** Adds a route. */
    public Router add(String method, String pattern, Handler handler) {
        routes.add(new Route(method, split(pattern), handler));
        return this;
    }

    /** The routes, as "METHOD pattern" lines, for the API's index. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        for (Route r : routes) {
            out.add(r.method() + " /" + String.join("/", r.segments()));
        }
        return out;
    }

    /** Finds the handler for a request and runs it. */
    public ApiResponse route(String method, String path, Map<String, List<String>> query, byte[] body)
            throws Exception {
        String[] parts = split(path);
        Set<String> allowed = new LinkedHashSet<>();
        for (Route r : routes) {
            Map<String, String> vars = match(r.segments(), parts);
            if (vars == null) {
                continue;
            }
            if (!r.method().equals(method)) {
                allowed.add(r.method());
                continue;
            }
            return r.handler().handle(new ApiRequest(method, path, vars, query, body));
        }
        if (!allowed.isEmpty()) {
            throw new ApiException(405, method + " is not allowed on " + path + "; use " + String.join(", ", allowed));
        }
        throw ApiException.notFound("no such endpoint: " + method + " " + path + " (GET /v1 lists them)");
    }

    private static Map<String, String> match(String[] pattern, String[] parts) {
        if (pattern.length != parts.length) {
            return null;
        }
        Map<String, String> vars = new LinkedHashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("{") && p.endsWith("}")) {
                vars.put(p.substring(1, p.length() - 1), parts[i]);
            } else if (!p.equals(parts[i])) {
                return null;
            }
        }
        return vars;
    }

    private static String[] split(String path) {
        return java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }
}
