package dev.lanyard.control.daemon;

import dev.lanyard.dataplane.Switch;
import dev.lanyard.dataplane.counter.PortCounter;
import dev.lanyard.dataplane.counter.PortStats;
import dev.lanyard.dataplane.forward.DropReason;
import dev.lanyard.dataplane.latency.LatencySummary;

/** The daemon's metrics in Prometheus text exposition format, version 0.0.4. */
final class Metrics {
    private Metrics() {
    }

    static String render(LabDaemon daemon) {
        StringBuilder sb = new StringBuilder(4096);
        for (PortCounter c : PortCounter.values()) {
            header(sb, "lanyard_port_" + c.key() + "_total", "counter", "Port counter " + c.key() + ".");
            for (SwitchRuntime rt : daemon.switches()) {
                for (PortSpec p : rt.specs()) {
                    PortStats s = stats(rt, p);
                    if (s != null) {
                        sample(sb, "lanyard_port_" + c.key() + "_total", rt.name(), p.name(), null, s.get(c));
                    }
                }
            }
        }
        header(sb, "lanyard_port_drops_total", "counter", "Frames dropped on a port, by reason.");
        for (SwitchRuntime rt : daemon.switches()) {
            for (PortSpec p : rt.specs()) {
                PortStats s = stats(rt, p);
                if (s == null) {
                    continue;
                }
                for (DropReason r : DropReason.values()) {
                    sample(sb, "lanyard_port_drops_total", rt.name(), p.name(), r.key(), s.drops(r));
                }
            }
        }
        header(sb, "lanyard_port_up", "gauge", "1 while a port forwards.");
        for (SwitchRuntime rt : daemon.switches()) {
            for (PortSpec p : rt.specs()) {
                int i = rt.dataplane().indexOf(p.name());
                sample(sb, "lanyard_port_up", rt.name(), p.name(), null, i >= 0 && rt.sw().ports().forwarding(i)
                        ? 1 : 0);
            }
        }
        header(sb, "lanyard_port_latency_seconds", "summary", "Time frames received on a port spent in the switch, "
                + "from the RX ring's timestamp to the end of the transmit kick, since the port was added or the "
                + "latency was last reset; _sum is added up from the histogram, within its 1% precision.");
        for (SwitchRuntime rt : daemon.switches()) {
            for (PortSpec p : rt.specs()) {
                int i = rt.dataplane().indexOf(p.name());
                if (i < 0) {
                    continue;
                }
                LatencySummary l = rt.sw().latency().summary(i);
                String labels = "switch=\"" + escape(rt.name()) + "\",port=\"" + escape(p.name()) + "\"";
                quantile(sb, labels, "0.5", l.p50());
                quantile(sb, labels, "0.99", l.p99());
                quantile(sb, labels, "0.999", l.p999());
                quantile(sb, labels, "1", l.max());
                sb.append("lanyard_port_latency_seconds_sum{").append(labels).append("} ").append(l.sum() / 1e9)
                        .append('\n');
                sb.append("lanyard_port_latency_seconds_count{").append(labels).append("} ").append(l.count())
                        .append('\n');
            }
        }
        header(sb, "lanyard_fdb_entries", "gauge", "Entries in the MAC table.");
        for (SwitchRuntime rt : daemon.switches()) {
            switchSample(sb, "lanyard_fdb_entries", rt.sw(), rt.sw().fdb().size());
        }
        header(sb, "lanyard_fdb_capacity", "gauge", "Capacity of the MAC table.");
        for (SwitchRuntime rt : daemon.switches()) {
            switchSample(sb, "lanyard_fdb_capacity", rt.sw(), rt.sw().fdb().capacity());
        }
        return sb.toString();
    }

    /** A port's counters, or null when it is not attached (or went away while we looked). */
    private static PortStats stats(SwitchRuntime rt, PortSpec p) {
        int i = rt.dataplane().indexOf(p.name());
        try {
            return i < 0 ? null : rt.sw().stats(i);
        } catch (IllegalArgumentException gone) {
            return null;
        }
    }

    private static void quantile(StringBuilder sb, String labels, String q, long nanos) {
        sb.append("lanyard_port_latency_seconds{").append(labels).append(",quantile=\"").append(q).append("\"} ")
                .append(nanos / 1e9).append('\n');
    }

    private static void header(StringBuilder sb, String name, String type, String help) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder sb, String name, String sw, String port, String reason, long value) {
        sb.append(name).append("{switch=\"").append(escape(sw)).append("\",port=\"").append(escape(port)).append('"');
        if (reason != null) {
            sb.append(",reason=\"").append(reason).append('"');
        }
        sb.append("} ").append(value).append('\n');
    }

    private static void switchSample(StringBuilder sb, String name, Switch sw, long value) {
        sb.append(name).append("{switch=\"").append(escape(sw.name())).append("\"} ").append(value).append('\n');
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
