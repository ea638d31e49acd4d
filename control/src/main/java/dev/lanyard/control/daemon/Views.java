package dev.lanyard.control.daemon;

import dev.lanyard.dataplane.Clock;
import dev.lanyard.dataplane.Switch;
import dev.lanyard.dataplane.counter.PortCounter;
import dev.lanyard.dataplane.counter.PortStats;
import dev.lanyard.dataplane.fdb.MacTable;
import dev.lanyard.dataplane.forward.DropReason;
import dev.lanyard.dataplane.forward.PortSettings;
import dev.lanyard.dataplane.forward.PortTable;
import dev.lanyard.dataplane.frame.MacAddress;
import dev.lanyard.dataplane.port.Port;
import dev.lanyard.dataplane.storm.LoopDetector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the API: plain maps and lists, in a stable key order. */
final class Views {
    private Views() {
    }

    /**
     * The daemon's memory: resident set (from /proc/self/status), and heap in use after the last collection, which
     * is what stays alive (the heap in use at any moment mostly measures when the collector last ran).
     */
    static Map<String, Object> memory() {
        Map<String, Object> m = new LinkedHashMap<>();
        long afterGc = 0;
        for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory
                .getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getCollectionUsage() != null) {
                afterGc += pool.getCollectionUsage().getUsed();
            }
        }
        m.put("heapAfterGcBytes", afterGc);
        m.put("heapUsedBytes", Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    m.put("rssBytes", Long.parseLong(line.replaceAll("\\D+", "")) * 1024);
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            m.put("rssBytes", -1);
        }
        return m;
    }

    static Map<String, Object> switchSummary(SwitchRuntime rt) {
        Switch sw = rt.sw();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", sw.name());
        m.put("workers", sw.workers());
        m.put("ports", rt.specs().size());
        m.put("agingSeconds", sw.fdb().agingMillis() / 1000);
        m.put("fdbSize", sw.fdb().size());
        m.put("fdbCapacity", sw.fdb().capacity());
        m.put("handleFailures", rt.dataplane().handleFailures());
        m.put("captures", sw.taps().captures().size());
        m.put("liveTraces", sw.taps().traces().size());
        m.put("taps", sw.taps().captures().size() + sw.taps().traces().size());
        LoopDetector.LoopReport loop = sw.loops().last();
        if (loop != null) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("firstPort", loop.firstPort());
            l.put("returnPort", loop.returnPort());
            l.put("source", loop.source());
            l.put("vlan", loop.vlan());
            l.put("secondsAgo", (Clock.millis() - loop.atMillis()) / 1000);
            m.put("lastLoop", l);
        }
        return m;
    }

    static List<Map<String, Object>> ports(SwitchRuntime rt) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (PortSpec spec : rt.specs()) {
            out.add(port(rt, spec));
        }
        return out;
    }

    static Map<String, Object> port(SwitchRuntime rt, PortSpec spec) {
        Switch sw = rt.sw();
        PortTable table = sw.ports();
        int index = rt.dataplane().indexOf(spec.name());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", spec.name());
        m.put("index", index);
        m.put("kind", spec.kind().label());
        m.put("netns", spec.netns());
        String missing = rt.missingReason(spec.name());
        Port port = index >= 0 ? table.port(index) : null;
        m.put("state", state(table, index, spec.settings(), missing));
        if (missing != null) {
            m.put("reason", missing);
        }
        m.put("location", port == null ? "" : port.location());
        m.put("worker", rt.dataplane().workerOf(spec.name()));
        m.put("settings", settings(spec.settings()));
        if (index >= 0) {
            PortStats s;
            try {
                s = sw.stats(index);
            } catch (IllegalArgumentException gone) {
                // Its link was deleted while we looked: the watcher has just taken the port off the switch.
                m.put("state", "missing");
                return m;
            }
            Map<String, Object> counters = new LinkedHashMap<>();
            for (PortCounter c : PortCounter.values()) {
                counters.put(c.key(), s.get(c));
            }
            m.put("counters", counters);
            Map<String, Object> drops = new LinkedHashMap<>();
            for (Map.Entry<DropReason, Long> e : s.dropsByReason().entrySet()) {
                drops.put(e.getKey().key(), e.getValue());
            }
            m.put("drops", drops);
            m.put("learned", sw.fdb().learnedOn(index));
            m.put("latency", TapApi.view(sw.latency().summary(index)));
        }
        return m;
    }

    /** The port's state as the kernel bridge names them, plus "down" (no carrier) and "missing" (not open). */
    static String state(PortTable table, int index, PortSettings settings, String missing) {
        if (missing != null || index < 0) {
            return "missing";
        }
        if (!settings.enabled()) {
            return "disabled";
        }
        return table.forwarding(index) ? "forwarding" : "down";
    }

    static Map<String, Object> settings(PortSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("learning", s.learning());
        m.put("flood", s.flood());
        m.put("isolated", s.isolated());
        m.put("macLimit", s.macLimit());
        m.put("enabled", s.enabled());
        m.put("stormControl", StormControlJson.view(s.stormControl()));
        return m;
    }

    static List<Map<String, Object>> fdb(SwitchRuntime rt) {
        Switch sw = rt.sw();
        PortTable table = sw.ports();
        long now = Clock.millis();
        List<Map<String, Object>> out = new ArrayList<>();
        sw.fdb().forEach((vid, mac, value) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            int p = MacTable.portOf(value);
            Port port = table.port(p);
            m.put("mac", MacAddress.toString(mac));
            m.put("vlan", vid);
            m.put("port", port == null ? String.valueOf(p) : port.name());
            m.put("static", MacTable.isStatic(value));
            m.put("ageSeconds", MacTable.isStatic(value) ? 0 : MacTable.ageOf(value, now) / 1000.0);
            out.add(m);
        });
        out.sort(Comparator.comparing((Map<String, Object> m) -> (String) m.get("port"))
                .thenComparing(m -> (Integer) m.get("vlan")).thenComparing(m -> (String) m.get("mac")));
        return out;
    }
}
