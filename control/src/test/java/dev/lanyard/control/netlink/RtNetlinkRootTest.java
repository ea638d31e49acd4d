package dev.lanyard.control.netlink;

import dev.lanyard.control.netns.NetNamespaces;
import dev.lanyard.control.netns.NetnsTesting;
import dev.lanyard.dataplane.linux.Errno;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import static dev.lanyard.control.netns.NetnsTesting.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Links, addresses and routes made over rtnetlink, checked with `ip` and `ping` in two fresh namespaces. */
@Tag("netns")
class RtNetlinkRootTest {
    private static final byte[] MAC_A = {2, 0x4c, 0x59, 0, 0, 1};
    private static final byte[] MAC_B = {2, 0x4c, 0x59, 0, 0, 2};

    private final NetNamespaces namespaces = new NetNamespaces();
    private final List<String> made = new ArrayList<>();
    private final List<AutoCloseable> open = new ArrayList<>();
    private String prefix;
    private String a;
    private String b;
    private RtNetlink inA;
    private RtNetlink inB;

    @BeforeEach
    void twoNamespaces() throws IOException {
        NetnsTesting.assumeNamespaces();
        prefix = NetnsTesting.prefix();
        a = prefix + "a";
        b = prefix + "b";
        made.add(a);
        namespaces.create(a);
        made.add(b);
        namespaces.create(b);
        inA = track(RtNetlink.open(a));
        inB = track(RtNetlink.open(b));
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        // Links in the namespaces go with them; a veth end in the host goes with its peer.
        NetnsTesting.deleteQuietly(namespaces, made);
    }

    private <T extends AutoCloseable> T track(T closeable) {
        open.add(closeable);
        return closeable;
    }

    private static InetAddress ip(String literal) throws IOException {
        return InetAddress.getByName(literal);
    }

    private void pairAtoB() throws IOException {
        try (RtNetlink here = RtNetlink.open()) {
            here.createVeth(VethSpec.of(VethSpec.End.of("eth0").in(a).withMac(MAC_A),
                    VethSpec.End.of("eth1").in(b).withMac(MAC_B)).withMtu(1400));
        }
        inA.addAddress("eth0", ip("10.77.0.1"), 24);
        inA.addAddress("eth0", ip("fd77::1"), 64);
        inB.addAddress("eth1", ip("10.77.0.2"), 24);
        inB.addAddress("eth1", ip("fd77::2"), 64);
        inA.setUp("eth0", true);
        inB.setUp("eth1", true);
    }

    @Test
    void vethBetweenTwoNamespacesCarriesPingWithTheAskedNamesMacsMtusAndAddresses() throws Exception {
        pairAtoB();
        String linkA = ok("ip", "-n", a, "-o", "link", "show", "eth0");
        assertTrue(linkA.contains("mtu 1400"), linkA);
        assertTrue(linkA.contains("link/ether 02:4c:59:00:00:01"), linkA);
        assertTrue(linkA.contains(",UP,"), linkA);
        assertTrue(linkA.contains("link-netns " + b), linkA);
        String linkB = ok("ip", "-n", b, "-o", "link", "show", "eth1");
        assertTrue(linkB.contains("mtu 1400") && linkB.contains("link/ether 02:4c:59:00:00:02"), linkB);
        String addrA = ok("ip", "-n", a, "-o", "addr", "show", "eth0");
        assertTrue(addrA.contains("inet 10.77.0.1/24 ") && addrA.contains("inet6 fd77::1/64 "), addrA);
        assertFalse(addrA.contains("brd"), "no broadcast was asked for: " + addrA);
        String addrB = ok("ip", "-n", b, "-o", "addr", "show", "eth1");
        assertTrue(addrB.contains("inet 10.77.0.2/24 ") && addrB.contains("inet6 fd77::2/64 "), addrB);

        ok("ip", "netns", "exec", a, "ping", "-c1", "-W1", "10.77.0.2");
        ok("ip", "netns", "exec", b, "ping", "-c1", "-W1", "10.77.0.1");
        ok("ip", "netns", "exec", a, "ping", "-6", "-c1", "-W1", "fd77::2");

        LinkInfo eth0 = inA.link("eth0").orElseThrow();
        assertEquals("veth", eth0.kind());
        assertEquals("02:4c:59:00:00:01", eth0.macString());
        assertEquals(1400, eth0.mtu());
        assertTrue(eth0.adminUp() && eth0.operUp());
        assertEquals(inB.link("eth1").orElseThrow().index(), eth0.link());
        assertTrue(eth0.linkNetnsId().isPresent());
        assertEquals(eth0, inA.link(eth0.index()).orElseThrow());
        List<String> addresses = inA.addresses("eth0").stream().map(AddressInfo::cidr).toList();
        assertTrue(addresses.contains("10.77.0.1/24") && addresses.contains("fd77:0:0:0:0:0:0:1/64"),
                addresses.toString());
    }

    @Test
    void defaultRouteThroughTheGatewayReachesANetworkBeyondIt() throws Exception {
        pairAtoB();
        inB.addAddress("eth1", ip("10.88.0.1"), 32);
        inA.addRoute(RouteSpec.defaultVia(ip("10.77.0.2")));
        inA.addRoute(RouteSpec.to("fd88::/64").via(ip("fd77::2")).dev("eth0").withMetric(50));
        String routes = ok("ip", "-n", a, "route", "show", "default");
        assertTrue(routes.contains("default via 10.77.0.2 dev eth0"), routes);
        String routes6 = ok("ip", "-n", a, "-6", "route", "show", "fd88::/64");
        assertTrue(routes6.contains("fd88::/64 via fd77::2 dev eth0") && routes6.contains("metric 50"), routes6);
        ok("ip", "netns", "exec", a, "ping", "-c1", "-W1", "10.88.0.1");

        int eth0 = inA.link("eth0").orElseThrow().index();
        List<RouteInfo> routesA = inA.routes();
        assertTrue(routesA.stream().anyMatch(r -> r.isDefault() && r.outputIndex() == eth0
                && r.gateway().map(InetAddress::getHostAddress).orElse("").equals("10.77.0.2")), routesA::toString);
        inA.deleteRoute(RouteSpec.defaultVia(ip("10.77.0.2")));
        assertEquals("", ok("ip", "-n", a, "route", "show", "default").strip());
    }

    @Test
    void endInTheCallersOwnNamespaceWorks() throws Exception {
        String hostEnd = prefix + "-h";
        try (RtNetlink here = RtNetlink.open()) {
            here.createVeth(VethSpec.of(VethSpec.End.of("eth0").in(a), VethSpec.End.of(hostEnd)));
            try {
                LinkInfo host = here.link(hostEnd).orElseThrow();
                assertTrue(host.linkNetnsId().isPresent());
                assertEquals(inA.link("eth0").orElseThrow().index(), host.link());
                assertTrue(ok("ip", "-o", "link", "show", hostEnd).contains("link-netns " + a));
            } finally {
                here.deleteLink(hostEnd);
            }
            assertTrue(here.link(hostEnd).isEmpty());
            assertTrue(inA.link("eth0").isEmpty(), "deleting one end removes the other");
        }
    }

    @Test
    void duplicateVethFailsWithTheKernelsAnswer() throws Exception {
        pairAtoB();
        NetlinkException e;
        try (RtNetlink here = RtNetlink.open()) {
            e = assertThrows(NetlinkException.class, () -> here.createVeth(
                    VethSpec.of(VethSpec.End.of("eth0").in(a), VethSpec.End.of("eth1").in(b))));
        }
        assertEquals(Errno.EEXIST, e.errno());
        assertTrue(e.getMessage().startsWith("RTM_NEWLINK veth eth0/eth1: File exists"), e.getMessage());
    }

    @Test
    void refusedRequestsCarryTheKernelsExtendedAckText() throws Exception {
        pairAtoB();
        NetlinkException mtu = assertThrows(NetlinkException.class, () -> inA.setMtu("eth0", 10));
        assertEquals(Errno.EINVAL, mtu.errno());
        assertFalse(mtu.kernelMessage().isEmpty());
        assertTrue(mtu.getMessage().startsWith("RTM_SETLINK mtu 10 eth0: Invalid argument (kernel: \""),
                mtu.getMessage());
        NetlinkException route = assertThrows(NetlinkException.class,
                () -> inA.addRoute(RouteSpec.defaultVia(ip("10.99.0.1"))));
        assertTrue(route.getMessage().startsWith("RTM_NEWROUTE default via 10.99.0.1: "), route.getMessage());
        NetlinkException twice = assertThrows(NetlinkException.class,
                () -> inA.addAddress("eth0", ip("10.77.0.1"), 24));
        assertEquals(Errno.EEXIST, twice.errno());
    }

    @Test
    void missingLinksAreEmptyOrNoSuchDevice() throws Exception {
        assertTrue(inA.link("nothere").isEmpty());
        assertTrue(inA.link(9999).isEmpty());
        NetlinkException e = assertThrows(NetlinkException.class, () -> inA.deleteLink("nothere"));
        assertEquals("RTM_DELLINK nothere: No such device", e.getMessage());
        NetlinkException addr = assertThrows(NetlinkException.class,
                () -> inA.addAddress("nothere", ip("10.1.1.1"), 24));
        assertEquals("RTM_NEWADDR 10.1.1.1/24 dev nothere: No such device", addr.getMessage());
    }

    @Test
    void macMtuRenameWhileUpAndMoveBetweenNamespaces() throws Exception {
        inA.createVeth(VethSpec.of("x0", "x1"));
        inA.setMtu("x0", 2000);
        inA.setMac("x0", MAC_A);
        inA.addAddress("x0", ip("10.66.0.1"), 24);
        inA.addAddress("x0", ip("fd66::1"), 64);
        inA.setUp("x0", true);
        inA.setUp("x1", true);
        inA.addRoute(RouteSpec.to("10.67.0.0/16").via(ip("10.66.0.2")));

        inA.rename("x0", "y0");
        LinkInfo y0 = inA.link("y0").orElseThrow();
        assertEquals(2000, y0.mtu());
        assertEquals("02:4c:59:00:00:01", y0.macString());
        assertTrue(y0.adminUp(), "renaming keeps the link up");
        String addr = ok("ip", "-n", a, "-o", "addr", "show", "y0");
        assertTrue(addr.contains("inet 10.66.0.1/24") && addr.contains("inet6 fd66::1/64"), addr);
        String route = ok("ip", "-n", a, "route", "show", "10.67.0.0/16");
        assertTrue(route.contains("via 10.66.0.2 dev y0"), route);
        assertTrue(inA.link("x0").isEmpty());

        inA.moveToNamespace("x1", b);
        assertTrue(inA.link("x1").isEmpty());
        assertTrue(ok("ip", "-n", b, "-o", "link", "show", "x1").contains("x1@"));

        inA.setUp("y0", false);
        assertFalse(inA.link("y0").orElseThrow().adminUp());
        inA.deleteLink("y0");
        assertTrue(inB.link("x1").isEmpty(), "the peer went with it");
    }

    @Test
    void dumpOfManyLinksSpansSeveralDatagramsAndMissesNone() throws Exception {
        for (int i = 0; i < 100; i++) {
            inA.createVeth(VethSpec.of("p" + i, "q" + i));
        }
        List<LinkInfo> links = inA.links();
        assertEquals(201, links.size());
        long byIp = ok("ip", "-n", a, "-o", "link").lines().count();
        assertEquals(byIp, links.size());
        assertEquals(links.stream().map(LinkInfo::name).distinct().count(), links.size());
    }

    @Test
    void tapDeviceIsCreatedPersistentAndDeleted() throws Exception {
        inA.createTap("tap0", false);
        LinkInfo tap = inA.link("tap0").orElseThrow();
        assertEquals("tun", tap.kind());
        String details = ok("ip", "-d", "-n", a, "-o", "link", "show", "tap0");
        assertTrue(details.contains("tun type tap"), details);
        assertThrows(IOException.class, () -> inA.createTap("tap0", false));
        inA.setUp("tap0", true);
        inA.deleteLink("tap0");
        assertTrue(inA.link("tap0").isEmpty());
    }
}
