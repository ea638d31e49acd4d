package dev.lanyard.control.lab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.control.api.ApiClient;
import dev.lanyard.dataplane.lab.Cmd;
import dev.lanyard.dataplane.lab.HandLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A loop (RELIABILITY.md case 3): two ports of the switch cabled together by one veth pair, a host broadcasting
 * into it. With storm control on the loop ports the loop is bounded near the configured rate, it is detected
 * (counters, log, the switch view) and the other hosts keep talking; for the figures, storm control is then turned
 * off through the API for a moment and on again.
 */
@Tag("netns")
class LoopTest {
    private static final int RATE = 100;
    private static final Map<String, Object> STORM = Map.of("broadcast", RATE, "multicast", RATE,
            "unknownUnicast", RATE);
    private static final String LAB = String.join("\n",
            "lab: loop",
            "switches:",
            "  sw: {}",
            "hosts:",
            "  ns0:",
            "    interfaces:",
            "      eth0:",
            "        switch: sw",
            "        addresses: [10.67.0.1/24]",
            "        storm-control: {broadcast: 200, multicast: 200, unknown-unicast: 200}",
            "  ns1:",
            "    interfaces:",
            "      eth0: {switch: sw, addresses: [10.67.0.2/24], storm-control: {broadcast: 200}}",
            "  ns2:",
            "    interfaces:",
            "      eth0: {switch: sw, addresses: [10.67.0.3/24], storm-control: {broadcast: 200}}",
            "");

    @Test
    void aLoopWithStormControlIsBoundedDetectedAndTheOthersKeepTalking() throws Exception {
        Assumptions.assumeTrue(HandLab.canCreateNamespaces(), "needs root to create network namespaces");
        try (TestLab t = TestLab.ofText("loop.yaml", LAB, "ns0", "ns1", "ns2", "sw")) {
            t.up();
            ApiClient api = new ApiClient(new LabPaths(t.stateDir).socket(t.lab));
            String sw = "/v1/switches/" + t.n("sw");
            JsonNode host = api.require("GET", sw + "/ports/" + t.portFacing("ns0"), null);
            assertTrue(host.path("settings").path("stormControl").path("broadcast").asLong() == 200,
                    "storm control from the file: " + host.path("settings"));
            assertTrue(t.ping("ns1", "10.67.0.3") && t.ping("ns0", "10.67.0.2"), "the lab works before the loop");

            String a = t.n("la");
            String b = t.n("lb");
            Cmd.check("ip", "link", "add", a, "type", "veth", "peer", "name", b);
            for (String end : new String[] {a, b}) {
                // Without IPv6 the root namespace sends nothing of its own into the loop: the test's broadcasts
                // are all that circulates.
                Cmd.check("sysctl", "-qw", "net.ipv6.conf." + end + ".disable_ipv6=1");
                Cmd.check("ip", "link", "set", end, "up");
                api.require("POST", sw + "/ports", Map.of("name", end, "stormControl", STORM));
            }

            Cmd.Result baseline = Cmd.run(20, "ip", "netns", "exec", t.n("ns1"), "ping", "-q", "-c", "20", "-i",
                    "0.05", "-W", "1", "10.67.0.3");
            Sample before = sample(t, api, sw, a, b);
            Cmd.Running pings = pings(t, 60);
            Cmd.Result broadcasts = broadcast(t, 30, "0.1");
            Cmd.Result pinged = pings.await(20);
            Sample with = sample(t, api, sw, a, b);

            api.require("PATCH", sw + "/ports/" + a, Map.of("stormControl", Map.of()));
            api.require("PATCH", sw + "/ports/" + b, Map.of("stormControl", Map.of()));
            Sample offStart = sample(t, api, sw, a, b);
            // Every broadcast adds two frames that circulate for good: the storm grows for as long as this runs.
            Cmd.Running pingsOff = pings(t, 20);
            broadcast(t, 10, "0.1");
            Cmd.Result pingedOff = pingsOff.await(20);
            Sample offEnd = sample(t, api, sw, a, b);

            api.require("PATCH", sw + "/ports/" + a, Map.of("stormControl", STORM));
            api.require("PATCH", sw + "/ports/" + b, Map.of("stormControl", STORM));
            Thread.sleep(300);
            Sample again = sample(t, api, sw, a, b);
            Thread.sleep(1_000);
            Sample againEnd = sample(t, api, sw, a, b);

            JsonNode la = api.require("GET", sw + "/ports/" + a, null);
            JsonNode summary = api.require("GET", sw, null);
            String log = Files.readString(new LabPaths(t.stateDir).log(t.lab));
            double onRate = with.floodRate(before);
            double offRate = offEnd.floodRate(offStart);
            double againRate = againEnd.floodRate(again);
            System.out.println("RELIABILITY case 3: ping before the loop " + summary(baseline) + "; loop ports"
                    + " flooded " + Math.round(onRate) + " frames/s with storm control at " + RATE + "/s per class"
                    + " (switch CPU " + with.cpuPercent(before) + "%, machine " + with.machinePercent(before)
                    + "%, ping " + summary(pinged) + "), "
                    + Math.round(offRate) + " frames/s without (switch CPU " + offEnd.cpuPercent(offStart)
                    + "%, machine " + offEnd.machinePercent(offStart) + "%, ping " + summary(pingedOff) + "), "
                    + Math.round(againRate) + " frames/s once it is back on; loop port " + a + " "
                    + la.path("counters") + " drops " + la.path("drops")
                    + "; last loop " + summary.path("lastLoop") + "; broadcasts: " + broadcasts.out().lines()
                    .filter(l -> l.contains("transmitted")).findFirst().orElse(""));

            assertTrue(la.path("counters").path("loop_detected").asLong() > 0, "the loop is counted: " + la);
            assertTrue(summary.path("lastLoop").path("returnPort").asText().matches(a + "|" + b),
                    "the switch view names the loop: " + summary);
            assertTrue(log.contains("loop detected") && (log.contains("port " + a) || log.contains("port " + b)),
                    "the log says so, naming the ports");
            assertTrue(la.path("counters").path("storm_drops_broadcast").asLong() > 0,
                    "storm control did the bounding");
            assertTrue(onRate < 3 * RATE * 1.2, "bounded near the configured rate: " + onRate + " frames/s");
            assertTrue(againRate < 3 * RATE * 1.2, "bounded again once storm control is back: " + againRate);
            assertTrue(received(pinged) >= 59, "the others kept talking through the loop: " + pinged.out());
            assertTrue(api.require("GET", "/v1/health", null).path("ready").asBoolean(), "the switch is up");
            assertTrue(t.ping("ns1", "10.67.0.3"), "and forwards after it");
        }
    }

    /** Pings between the two hosts that have nothing to do with the loop, 20 per second. */
    private static Cmd.Running pings(TestLab t, int count) {
        return Cmd.start("ip", "netns", "exec", t.n("ns1"), "ping", "-q", "-c", String.valueOf(count), "-i", "0.05",
                "-W", "1", "10.67.0.3");
    }

    /** Broadcast echo requests from ns0 (the hosts ignore them, as Linux does by default): what starts the loop. */
    private static Cmd.Result broadcast(TestLab t, int count, String interval) {
        return Cmd.run(30, "ip", "netns", "exec", t.n("ns0"), "ping", "-q", "-b", "-c", String.valueOf(count), "-i",
                interval, "-W", "1", "10.67.0.255");
    }

    private static String summary(Cmd.Result ping) {
        Matcher loss = Pattern.compile("(\\d+) received").matcher(ping.out());
        Matcher rtt = Pattern.compile("= [0-9.]+/([0-9.]+)/").matcher(ping.out());
        return (loss.find() ? loss.group(1) : "?") + " received, avg " + (rtt.find() ? rtt.group(1) : "?") + " ms";
    }

    private static int received(Cmd.Result ping) {
        Matcher m = Pattern.compile("(\\d+) received").matcher(ping.out());
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static Sample sample(TestLab t, ApiClient api, String sw, String a, String b) throws Exception {
        long flooded = 0;
        for (String p : new String[] {a, b}) {
            flooded += api.require("GET", sw + "/ports/" + p, null).path("counters").path("flooded").asLong();
        }
        String[] stat = Files.readString(Path.of("/proc", String.valueOf(t.daemonPid()), "stat")).split("\\) ")[1]
                .split(" ");
        // utime and stime are fields 14 and 15 of /proc/PID/stat, 12 and 13 after "pid (comm) ", in clock ticks.
        // The machine's busy and total ticks over all CPUs, from the first line of /proc/stat.
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int k = 1; k < cpu.length; k++) {
            total += Long.parseLong(cpu[k]);
        }
        long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
        return new Sample(System.nanoTime(), flooded, Long.parseLong(stat[11]) + Long.parseLong(stat[12]),
                total - idle, total);
    }

    /** Frames flooded by the two loop ports together and the daemon's CPU ticks at one moment. */
    private record Sample(long nanos, long flooded, long ticks, long machineBusy, long machineTotal) {
        /** Flooded frames per second per loop port since an earlier sample. */
        double floodRate(Sample earlier) {
            return (flooded - earlier.flooded) / 2.0 / ((nanos - earlier.nanos) / 1e9);
        }

        /** CPU of the daemon (100 = one core) since an earlier sample; the kernel's ticks are 10 ms. */
        long cpuPercent(Sample earlier) {
            return Math.round((ticks - earlier.ticks) * 100.0 / ((nanos - earlier.nanos) / 1e7));
        }

        /** How busy the whole machine was since an earlier sample, in percent of all its CPUs. */
        long machinePercent(Sample earlier) {
            return Math.round(100.0 * (machineBusy - earlier.machineBusy) / Math.max(1,
                    machineTotal - earlier.machineTotal));
        }
    }
}
