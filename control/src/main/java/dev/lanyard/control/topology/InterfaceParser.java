package dev.lanyard.control.topology;

import java.util.ArrayList;
import java.util.List;

/** Reads one interface of a host: what it is attached to, its addresses, MAC, MTU and port settings. */
final class InterfaceParser {
    static final List<String> KEYS = List.of("switch", "port", "type", "peer", "addresses", "mac", "mtu",
            "learning", "flood", "isolated", "mac-limit", "storm-control");
    /** Keys that describe the switch side, meaningless without {@code switch:}. */
    private static final List<String> SWITCH_ONLY = List.of("port", "learning", "flood", "isolated", "mac-limit",
            "storm-control");
    static final List<String> STORM_KEYS = List.of("broadcast", "multicast", "unknown-unicast", "burst");

    private InterfaceParser() {
    }

    static Interface parse(YamlNode.Entry e, String lab, String host, String path, ParseContext ctx) {
        String name = e.key();
        String label = host + "/" + name;
        ctx.mark(path, e.keyAt());
        Fields f = Fields.of(e.value(), e.keyAt(), "interface " + label, path, KEYS, ctx);
        // Derived names and the fallbacks below point at the interface key.
        ctx.mark(Source.path(path, "port"), e.keyAt());
        ctx.mark(Source.path(path, "mac"), e.keyAt());
        ctx.mark(Source.path(path, "mtu"), e.keyAt());

        List<Cidr> addresses = addresses(f, path, ctx);
        MacAddress mac = f.has("mac") ? Values.mac(f.string("mac"), f.valueAt("mac"), ctx)
                : Derived.hostMac(lab, host, name);
        int mtu = f.integer("mtu", Interface.DEFAULT_MTU);
        return new Interface(name, attachment(f, lab, host, name, path, ctx), addresses, mac, mtu);
    }

    private static Attachment attachment(Fields f, String lab, String host, String name, String path,
            ParseContext ctx) {
        String label = host + "/" + name;
        PortType type = type(f, ctx);
        String switchName = f.string("switch");
        if (switchName != null && f.has("peer")) {
            ctx.error(f.valueAt("peer"), "interface " + label + " has both switch: and peer:; a veth has one far side");
        }
        if (switchName == null) {
            for (String key : SWITCH_ONLY) {
                if (f.has(key)) {
                    ctx.error(f.valueAt(key), key + " applies to switch ports; interface " + label + " has no switch:");
                }
            }
            if (type == PortType.TAP) {
                ctx.error(f.valueAt("type"), "type tap needs switch:, the switch that reads the TAP");
            }
            return peer(f, label, ctx);
        }
        PortSettings settings = new PortSettings(f.bool("learning", true), f.bool("flood", true),
                f.bool("isolated", false), f.integer("mac-limit", 0), stormControl(f, label, path, ctx));
        if (type == PortType.TAP) {
            if (f.has("port")) {
                ctx.error(f.valueAt("port"), "a tap interface has no switch-side end for port: to name");
            }
            return new Attachment.SwitchPort(switchName, null, type, settings, null);
        }
        String port = f.has("port") ? f.string("port") : Derived.portName(lab, host, name);
        return new Attachment.SwitchPort(switchName, port, type, settings, Derived.portMac(lab, host, name));
    }

    /** {@code storm-control: {broadcast: 1000, multicast: 1000, unknown-unicast: 1000, burst: 100}}. */
    private static StormControl stormControl(Fields f, String label, String path, ParseContext ctx) {
        if (!f.has("storm-control")) {
            return StormControl.OFF;
        }
        Fields s = Fields.of(f.node("storm-control"), f.valueAt("storm-control"), "storm-control of interface "
                + label, Source.path(path, "storm-control"), STORM_KEYS, ctx);
        return new StormControl(rate(s, "broadcast", ctx), rate(s, "multicast", ctx),
                rate(s, "unknown-unicast", ctx), amount(s, "burst", 1, 0, ctx));
    }

    private static int rate(Fields s, String key, ParseContext ctx) {
        return amount(s, key, 0, StormControl.UNLIMITED, ctx);
    }

    private static int amount(Fields s, String key, int min, int absent, ParseContext ctx) {
        // MIN_VALUE: absent, or not a whole number, which integer() has reported.
        int v = s.integer(key, Integer.MIN_VALUE);
        if (v == Integer.MIN_VALUE) {
            return absent;
        }
        if (v < min || v > StormControl.MAX) {
            ctx.error(s.valueAt(key), "storm-control " + key + " must be between " + min + " and " + StormControl.MAX
                    + (key.equals("burst") ? " frames" : " frames per second") + ", got " + v);
            return absent;
        }
        return v;
    }

    private static PortType type(Fields f, ParseContext ctx) {
        String text = f.string("type");
        if (text == null || text.equals("veth")) {
            return PortType.VETH;
        }
        if (text.equals("tap")) {
            return PortType.TAP;
        }
        ctx.error(f.valueAt("type"), "type must be veth or tap, got \"" + text + "\"");
        return PortType.VETH;
    }

    private static Attachment peer(Fields f, String label, ParseContext ctx) {
        String text = f.string("peer");
        if (text == null) {
            return null;
        }
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1 || text.indexOf('/', slash + 1) >= 0) {
            ctx.error(f.valueAt("peer"), "peer of " + label + " must be HOST/INTERFACE, as in ns1/veth1; got \""
                    + text + "\"");
            return null;
        }
        return new Attachment.Peer(text.substring(0, slash), text.substring(slash + 1));
    }

    private static List<Cidr> addresses(Fields f, String path, ParseContext ctx) {
        List<YamlNode> items = f.node("addresses") instanceof YamlNode.Scalar s && s.kind() != YamlNode.Kind.NULL
                ? List.of(s) : f.list("addresses");
        List<Cidr> out = new ArrayList<>();
        for (int n = 0; n < items.size(); n++) {
            YamlNode item = items.get(n);
            ctx.mark(Source.path(path, "addresses", n), item.at());
            if (item instanceof YamlNode.Scalar s && s.kind() != YamlNode.Kind.NULL) {
                Cidr c = Values.cidr(s.text(), s.at(), "address", ctx);
                if (c != null) {
                    out.add(c);
                }
            } else {
                ctx.error(item.at(), "an address must be written like 172.17.0.101/16, got " + item.describe());
            }
        }
        return out;
    }
}
