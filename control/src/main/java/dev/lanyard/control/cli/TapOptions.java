package dev.lanyard.control.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.control.api.ApiClient;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which lab and switch a capture or trace looks at: {@code --lab}, {@code --switch}, or the first word when it
 * names a switch, or the lab's only switch.
 */
public final class TapOptions {
    @Option(names = "--switch", paramLabel = "SWITCH", description = "The switch (default: the lab's only one).")
    String switchName;

    @Option(names = "--lab", paramLabel = "LAB", description = "The lab (default: the one that is up).")
    String lab;

    @Mixin
    LabOptions labs;

    /** A client of the lab's daemon. */
    ApiClient client() throws IOException {
        return Daemons.client(labs, labs.resolve(lab));
    }

    /**
     * The switch: --switch, else the first of {@code words} when it names one of the lab's switches (then removed
     * from the list), else the lab's only switch. A switch the lab does not have, or a lab of several switches where
     * none was named, is a {@link UsageException}.
     */
    String takeSwitch(ApiClient client, List<String> words) throws IOException {
        List<String> names = new ArrayList<>();
        for (JsonNode s : client.require("GET", "/v1/switches", null)) {
            names.add(s.path("name").asText());
        }
        if (switchName != null) {
            if (!names.contains(switchName)) {
                throw new UsageException("the lab has no switch " + switchName + "; its switches: "
                        + String.join(", ", names));
            }
            return switchName;
        }
        if (!words.isEmpty() && names.contains(words.get(0))) {
            return words.remove(0);
        }
        if (names.size() != 1) {
            throw new UsageException("the lab has " + names.size() + " switches (" + String.join(", ", names)
                    + "); say which, as the first word or with --switch");
        }
        return names.get(0);
    }
}
