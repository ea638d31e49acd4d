package dev.lanyard.control.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.control.api.ApiClient;
import dev.lanyard.control.lab.DaemonControl;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Finding a lab's daemon and its switch for commands that talk to it. */
final class Daemons {
    private Daemons() {
    }

    /** A client of the lab's running daemon, or a failure saying how to start one. */
    static ApiClient client(LabOptions labs, String lab) throws IOException {
        if (new DaemonControl(labs.paths()).find(lab).isEmpty()) {
            throw new IOException("lab " + lab + " has no running daemon; lanyard up starts it");
        }
        return new ApiClient(labs.paths().socket(lab));
    }

    /** The switch to use: the one named, or the lab's only switch. */
    static String switchName(ApiClient client, String named) throws IOException {
        if (named != null) {
            return named;
        }
        JsonNode switches = client.require("GET", "/v1/switches", null);
        if (switches.size() == 1) {
            return switches.get(0).path("name").asText();
        }
        StringBuilder names = new StringBuilder();
        for (JsonNode s : switches) {
            names.append(names.length() == 0 ? "" : ", ").append(s.path("name").asText());
        }
        throw new IOException("the lab has " + switches.size() + " switches (" + names + "); say which with --switch");
    }

    /** A path segment, escaped. */
    static String seg(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
