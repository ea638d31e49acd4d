package dev.lanyard.control.topology;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a topology file into a {@link Topology}: the YAML shape, key names, value types and value formats. What the
 * values mean together (references, collisions, ranges) is the {@link Validator}'s job. All problems of a file are
 * reported at once.
 */
public final class TopologyParser {
    static final List<String> TOP_KEYS = List.of("lab", "api", "switches", "hosts");
    static final List<String> API_KEYS = List.of("tcp");
    static final List<String> SWITCH_KEYS =
            List.of("gateway", "gateway-interface", "netns", "aging", "workers", "mac-table-size");
    static final List<String> HOST_KEYS = List.of("namespace", "interfaces", "routes");
    static final List<String> ROUTE_KEYS = List.of("to", "via", "dev");

    private TopologyParser() {
    }

    /**
     * Parses the text of a topology file.
     *
     * @param file the file name to put in problems, as the user gave it
     * @param text the YAML text
     * @throws TopologyException with every problem found in the text
     */
    public static Topology parse(String file, String text) throws TopologyException {
        ParseContext ctx = new ParseContext(file);
        YamlNode root = YamlReader.read(file, text, ctx.problems());
        if (root == null) {
            throw new TopologyException(ctx.problems());
        }
        ctx.mark("", root.at());
        Fields top = Fields.of(root, root.at(), "the topology", "", TOP_KEYS, ctx);
        String lab = top.requiredString("lab", "the topology");
        String labName = lab == null ? "" : lab;
        List<Switch> switches = new ArrayList<>();
        for (YamlNode.Entry e : top.map("switches", "switch names to their settings").values()) {
            switches.add(parseSwitch(e, labName, ctx));
        }
        List<Host> hosts = new ArrayList<>();
        for (YamlNode.Entry e : top.map("hosts", "host names to their settings").values()) {
            hosts.add(parseHost(e, labName, ctx));
        }
        ApiTcp apiTcp = parseApi(top, ctx);
        if (!ctx.problems().isEmpty()) {
            throw new TopologyException(ctx.problems());
        }
        return new Topology(labName, switches, hosts, apiTcp, ctx.source());
    }

    /** The optional {@code api: {tcp: HOST:PORT}} block: a loopback TCP listener for the API (none by default). */
    private static ApiTcp parseApi(Fields top, ParseContext ctx) {
        if (!top.has("api")) {
            return null;
        }
        ctx.mark("api", top.valueAt("api"));
        Fields f = Fields.of(top.node("api"), top.valueAt("api"), "api", "api", API_KEYS, ctx);
        String tcp = f.string("tcp");
        if (tcp == null) {
            return null;
        }
        try {
            return ApiTcp.parse(tcp);
        } catch (IllegalArgumentException e) {
            ctx.error(f.valueAt("tcp"), e.getMessage());
            return null;
        }
    }

    private static Switch parseSwitch(YamlNode.Entry e, String lab, ParseContext ctx) {
        String name = e.key();
        String path = Source.path("switches", name);
        ctx.mark(path, e.keyAt());
        Fields f = Fields.of(e.value(), e.keyAt(), "switch " + name, path, SWITCH_KEYS, ctx);
        Cidr gateway = Values.cidr(f.string("gateway"), f.valueAt("gateway"), "gateway", ctx);
        String gatewayInterface = f.string("gateway-interface");
        if (gatewayInterface != null && !f.has("gateway")) {
            ctx.error(f.valueAt("gateway-interface"), "gateway-interface needs gateway:, the address it carries");
        }
        if (f.has("gateway") && gatewayInterface == null) {
            gatewayInterface = name;
            ctx.mark(Source.path(path, "gateway-interface"), f.valueAt("gateway"));
        }
        String netns = f.string("netns");
        return new Switch(name, gateway, gateway == null ? null : gatewayInterface,
                gateway == null ? null : Derived.gatewayMac(lab, name),
                netns == null ? Topology.ROOT_NAMESPACE : netns,
                f.integer("aging", Switch.DEFAULT_AGING_SECONDS),
                f.integer("workers", Switch.DEFAULT_WORKERS),
                f.integer("mac-table-size", Switch.DEFAULT_MAC_TABLE_SIZE));
    }

    private static Host parseHost(YamlNode.Entry e, String lab, ParseContext ctx) {
        String name = e.key();
        String path = Source.path("hosts", name);
        ctx.mark(path, e.keyAt());
        Fields f = Fields.of(e.value(), e.keyAt(), "host " + name, path, HOST_KEYS, ctx);
        List<Interface> interfaces = new ArrayList<>();
        for (YamlNode.Entry i : f.map("interfaces", "interface names to their settings").values()) {
            interfaces.add(InterfaceParser.parse(i, lab, name, Source.path(path, "interfaces", i.key()), ctx));
        }
        List<Route> routes = new ArrayList<>();
        List<YamlNode> items = f.list("routes");
        for (int n = 0; n < items.size(); n++) {
            Route r = parseRoute(items.get(n), "route " + (n + 1) + " of host " + name,
                    Source.path(path, "routes", n), ctx);
            if (r != null) {
                routes.add(r);
            }
        }
        return new Host(name, f.bool("namespace", true), interfaces, routes);
    }

    private static Route parseRoute(YamlNode item, String owner, String path, ParseContext ctx) {
        ctx.mark(path, item.at());
        Fields f = Fields.of(item, item.at(), owner, path, ROUTE_KEYS, ctx);
        String to = f.requiredString("to", owner);
        IpAddress via = Values.ip(f.string("via"), f.valueAt("via"), "via", ctx);
        String dev = f.string("dev");
        if (!f.has("via") && !f.has("dev")) {
            ctx.error(item.at(), owner + " needs via:, dev: or both");
        }
        Cidr destination = to == null ? null : Values.destination(to, via, f.valueAt("to"), ctx);
        return destination == null ? null : new Route(destination, via, dev);
    }
}
