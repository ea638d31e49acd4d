package dev.lanyard.control.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.control.api.ApiException;
import dev.lanyard.dataplane.storm.StormControl;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A port's storm control in the API: {@code {"broadcast": 1000, "multicast": 1000, "unknownUnicast": 1000,
 * "burst": 100}} in frames per second, a class left out (or null) unlimited, burst 0 or left out for the default.
 * Given in a request, it replaces the port's storm control as a whole; {@code {}} or null turns it off.
 */
final class StormControlJson {
    private static final String[] CLASSES = {"broadcast", "multicast", "unknownUnicast"};

    private StormControlJson() {
    }

    static Map<String, Object> view(StormControl s) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int c = 0; c < CLASSES.length; c++) {
            m.put(CLASSES[c], s.rate(c) == StormControl.UNLIMITED ? null : s.rate(c));
        }
        m.put("burst", s.burst());
        return m;
    }

    static StormControl parse(JsonNode n) throws ApiException {
        if (n == null || n.isNull()) {
            return StormControl.OFF;
        }
        if (!n.isObject()) {
            throw ApiException.badRequest("\"stormControl\" must be an object of broadcast, multicast, unknownUnicast"
                    + " and burst");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (!k.equals("burst") && !List.of(CLASSES).contains(k)) {
                throw ApiException.badRequest("unknown key \"" + k + "\" in stormControl; allowed: broadcast, burst,"
                        + " multicast, unknownUnicast");
            }
        }
        long[] rates = new long[CLASSES.length];
        for (int c = 0; c < CLASSES.length; c++) {
            rates[c] = number(n, CLASSES[c], StormControl.UNLIMITED);
        }
        return new StormControl(rates[0], rates[1], rates[2], Math.max(0, number(n, "burst", 0)));
    }

    private static long number(JsonNode body, String key, long absent) throws ApiException {
        JsonNode v = body.get(key);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.isIntegralNumber() || v.asLong() < 0 || v.asLong() > StormControl.MAX_RATE) {
            throw ApiException.badRequest("stormControl \"" + key + "\" must be a whole number from 0 to "
                    + StormControl.MAX_RATE + (key.equals("burst") ? ""
                            : " (frames per second), or null for no limit"));
        }
        return v.asLong();
    }
}
