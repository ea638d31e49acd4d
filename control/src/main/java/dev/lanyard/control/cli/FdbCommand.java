package dev.lanyard.control.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.control.api.ApiClient;
import dev.lanyard.tools.stats.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;

/** {@code lanyard fdb show|flush|add|del}: the MAC table of a switch, as {@code bridge fdb} shows the kernel's. */
@Command(name = "fdb", mixinStandardHelpOptions = true, description = "Show or change a switch's MAC table.",
        subcommands = {FdbCommand.Show.class, FdbCommand.Flush.class, FdbCommand.Add.class, FdbCommand.Del.class})
public final class FdbCommand implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper();

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Options shared by the subcommands. */
    static class Target {
        @Mixin
        LabOptions labs;

        @Option(names = "--lab", description = "The lab (default: the one that is up).")
        String lab;

        @Option(names = "--switch", description = "The switch (default: the lab's only one).")
        String switchName;

        ApiClient client;
        String sw;

        String base() throws Exception {
            client = Daemons.client(labs, labs.resolve(lab));
            sw = Daemons.switchName(client, switchName);
            return "/v1/switches/" + Daemons.seg(sw) + "/fdb";
        }
    }

    /** {@code lanyard fdb show}. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "List the entries: MAC, VLAN, port, "
            + "static or learned, age.")
    static final class Show extends Target implements Callable<Integer> {
        @Option(names = "--json", description = "JSON instead of a table.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            String base = base();
            JsonNode entries = client.require("GET", base, null);
            if (json) {
                System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(entries));
                return 0;
            }
            TextTable t = new TextTable("mac", "vlan", "port", "kind", "age_s");
            for (JsonNode e : entries) {
                boolean isStatic = e.path("static").asBoolean();
                t.row(e.path("mac").asText(), e.path("vlan").asInt(), e.path("port").asText(),
                        isStatic ? "static" : "learned",
                        isStatic ? "-" : String.format("%.1f", e.path("ageSeconds").asDouble()));
            }
            System.out.print("switch " + sw + ": " + t.size() + " entries\n" + t.render());
            return 0;
        }
    }

    /** {@code lanyard fdb flush}. */
    @Command(name = "flush", mixinStandardHelpOptions = true, description = "Remove learned entries (all, or of a "
            + "port or VLAN); --static removes static ones too.")
    static final class Flush extends Target implements Callable<Integer> {
        @Option(names = "--port", description = "Only entries on this port.")
        String port;

        @Option(names = "--vlan", description = "Only entries in this VLAN.")
        Integer vlan;

        @Option(names = "--static", description = "Static entries too.")
        boolean includeStatic;

        @Override
        public Integer call() throws Exception {
            StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
            if (port != null) {
                q.add("port=" + Daemons.seg(port));
            }
            if (vlan != null) {
                q.add("vlan=" + vlan);
            }
            if (includeStatic) {
                q.add("static=true");
            }
            String path = base() + q;
            JsonNode r = client.require("DELETE", path, null);
            System.out.println("switch " + sw + ": " + r.path("removed").asInt() + " entries removed");
            return 0;
        }
    }

    /** {@code lanyard fdb add MAC PORT}. */
    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a static entry: it never ages and "
            + "never moves.")
    static final class Add extends Target implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "MAC", description = "The address, aa:bb:cc:dd:ee:ff.")
        String mac;

        @Parameters(index = "1", paramLabel = "PORT", description = "The port it is on.")
        String port;

        @Option(names = "--vlan", defaultValue = "0", description = "The VLAN (default: 0, untagged).")
        int vlan;

        @Override
        public Integer call() throws Exception {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("mac", mac);
            body.put("vlan", vlan);
            body.put("port", port);
            String base = base();
            client.require("POST", base, body);
            System.out.println("switch " + sw + ": " + mac + " vlan " + vlan + " is on " + port + " (static)");
            return 0;
        }
    }

    /** {@code lanyard fdb del MAC}. */
    @Command(name = "del", mixinStandardHelpOptions = true, description = "Remove one entry, static or learned.")
    static final class Del extends Target implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "MAC", description = "The address.")
        String mac;

        @Option(names = "--vlan", defaultValue = "0", description = "The VLAN (default: 0).")
        int vlan;

        @Override
        public Integer call() throws Exception {
            String path = base() + "/" + vlan + "/" + Daemons.seg(mac);
            client.require("DELETE", path, null);
            System.out.println("switch " + sw + ": " + mac + " vlan " + vlan + " removed");
            return 0;
        }
    }
}
