package dev.lanyard.control.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One API request: method, path, the path's variables, the query and the body.
 *
 * @param method  GET, POST, PATCH, DELETE
 * @param path    the path without the query
 * @param vars    path variables by name ({switch}, {port})
 * @param query   query parameters
 * @param body    the body, possibly empty
 */
public record ApiRequest(String method, String path, Map<String, String> vars, Map<String, List<String>> query,
                         byte[] body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A path variable. */
    public String var(String name) {
        return vars.get(name);
    }

    /** A query parameter's first value, or null. */
    public String param(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** The body as a JSON object; an empty body is an empty object. */
    public ObjectNode json() throws ApiException {
        if (body.length == 0) {
            return JSON.createObjectNode();
        }
        JsonNode n;
        try {
            n = JSON.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the body is not valid JSON: " + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        }
        if (!(n instanceof ObjectNode o)) {
            throw ApiException.badRequest("the body must be a JSON object, not " + n.getNodeType().name()
                    .toLowerCase(java.util.Locale.ROOT));
        }
        return o;
    }
}
