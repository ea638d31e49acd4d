package dev.lanyard.control.topology;

/** Parsing of address-like values, with a located problem for each bad one. */
final class Values {
    private Values() {
    }

    /** An address with prefix length, or null (with a problem unless {@code text} is null). */
    static Cidr cidr(String text, Location at, String what, ParseContext ctx) {
        if (text == null) {
            return null;
        }
        try {
            return Cidr.parse(text);
        } catch (IllegalArgumentException e) {
            ctx.error(at, what + " \"" + text + "\" is not valid: " + e.getMessage());
            return null;
        }
    }

    /** A bare address, or null (with a problem unless {@code text} is null). */
    static IpAddress ip(String text, Location at, String what, ParseContext ctx) {
        if (text == null) {
            return null;
        }
        try {
            return IpAddress.parse(text);
        } catch (IllegalArgumentException e) {
            ctx.error(at, what + " \"" + text + "\" is not an address: " + e.getMessage());
            return null;
        }
    }

    /** A MAC, or null (with a problem unless {@code text} is null). */
    static MacAddress mac(String text, Location at, ParseContext ctx) {
        if (text == null) {
            return null;
        }
        try {
            return MacAddress.parse(text);
        } catch (IllegalArgumentException e) {
            ctx.error(at, "mac \"" + text + "\" is malformed: " + e.getMessage());
            return null;
        }
    }

    /**
     * A route destination: "default" (IPv4 unless the gateway is IPv6), a network, or a bare address for a host
     * route, as {@code ip route} reads them.
     */
    static Cidr destination(String text, IpAddress via, Location at, ParseContext ctx) {
        if (text.equals("default")) {
            return Cidr.defaultRoute(via == null || via.isIpv4());
        }
        if (text.indexOf('/') >= 0) {
            return cidr(text, at, "route destination", ctx);
        }
        IpAddress host = ip(text, at, "route destination", ctx);
        return host == null ? null : new Cidr(host, host.bits());
    }
}
