package dev.lanyard.control.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.control.api.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code lanyard port add|del|set SWITCH IFNAME}: ports at runtime, on interfaces someone made by hand. */
@Command(name = "port", mixinStandardHelpOptions = true, description = "Add, remove or configure a switch port "
        + "while the lab runs.", subcommands = {PortCommand.Add.class, PortCommand.Del.class, PortCommand.Set.class})
public final class PortCommand implements Runnable {
    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** What every subcommand names. */
    static class Target {
        @Mixin
        LabOptions labs;

        @Option(names = "--lab", description = "The lab (default: the one that is up).")
        String lab;

        @Parameters(index = "0", paramLabel = "SWITCH", description = "The switch.")
        String sw;

        @Parameters(index = "1", paramLabel = "IFNAME", description = "The interface.")
        String ifname;

        ApiClient client() throws Exception {
            return Daemons.client(labs, labs.resolve(lab));
        }

        String ports() {
            return "/v1/switches/" + Daemons.seg(sw) + "/ports";
        }
    }

    /** {@code lanyard port add}. */
    @Command(name = "add", mixinStandardHelpOptions = true, description = "Attach an existing interface.")
    static final class Add extends Target implements Callable<Integer> {
        @Option(names = "--netns", description = "The namespace the interface is in (default: the root namespace).")
        String netns;

        @Option(names = "--kind", defaultValue = "veth", description = "veth (any Ethernet interface), tap or "
                + "internal (default: ${DEFAULT-VALUE}).")
        String kind;

        @Override
        public Integer call() throws Exception {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", ifname);
            body.put("kind", kind);
            if (netns != null) {
                body.put("netns", netns);
            }
            JsonNode p = client().require("POST", ports(), body);
            System.out.println("switch " + sw + ": port " + ifname + " added (" + p.path("state").asText() + ")");
            return 0;
        }
    }

    /** {@code lanyard port del}. */
    @Command(name = "del", mixinStandardHelpOptions = true, description = "Detach a port; the interface stays.")
    static final class Del extends Target implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            client().require("DELETE", ports() + "/" + Daemons.seg(ifname), null);
            System.out.println("switch " + sw + ": port " + ifname + " removed");
            return 0;
        }
    }

    /** {@code lanyard port set}. */
    @Command(name = "set", mixinStandardHelpOptions = true, description = "Change a port's settings, as "
            + "bridge link set does.")
    static final class Set extends Target implements Callable<Integer> {
        @Option(names = "--learning", arity = "1", description = "on or off.")
        String learning;

        @Option(names = "--flood", arity = "1", description = "Unknown unicast out of this port: on or off.")
        String flood;

        @Option(names = "--isolated", arity = "1", description = "on or off.")
        String isolated;

        @Option(names = "--mac-limit", description = "Most learned addresses (0: no limit).")
        Integer macLimit;

        @Option(names = "--state", description = "enabled or disabled.")
        String state;

        @Override
        public Integer call() throws Exception {
            Map<String, Object> body = new LinkedHashMap<>();
            put(body, "learning", learning);
            put(body, "flood", flood);
            put(body, "isolated", isolated);
            if (macLimit != null) {
                body.put("macLimit", macLimit);
            }
            if (state != null) {
                if (!state.equals("enabled") && !state.equals("disabled")) {
                    throw new IllegalArgumentException("--state is enabled or disabled, not " + state);
                }
                body.put("enabled", state.equals("enabled"));
            }
            JsonNode p = client().require("PATCH", ports() + "/" + Daemons.seg(ifname), body);
            System.out.println("switch " + sw + ": port " + ifname + " " + p.path("settings"));
            return 0;
        }

        private static void put(Map<String, Object> body, String key, String onOff) {
            if (onOff == null) {
                return;
            }
            if (!onOff.equals("on") && !onOff.equals("off")) {
                throw new IllegalArgumentException("--" + key + " is on or off, not " + onOff);
            }
            body.put(key, onOff.equals("on"));
        }
    }
}
