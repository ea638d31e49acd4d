package dev.lanyard.control.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanyard.control.topology.Cidr;
import dev.lanyard.control.topology.IpAddress;
import dev.lanyard.control.topology.MacAddress;
import dev.lanyard.control.topology.Route;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanRenderTest {
    private static final MacAddress MAC = MacAddress.parse("02:00:00:00:00:01");

    @Test
    void everyActionRendersAsAnIpCommand() {
        Plan plan = new Plan(List.of(
                new Action.CreateNamespace("ns0"),
                new Action.CreateVeth(new LinkEnd("ns0", "eth0", MAC, 1500), new LinkEnd("", "veth1", MAC, 9000)),
                new Action.CreateTap("", "docker0", MAC, 1500),
                new Action.SetLinkUp("ns0", "eth0"),
                new Action.SetMtu("", "veth1", 9000),
                new Action.SetMac("ns0", "eth0", MAC),
                new Action.AddAddress("ns0", "eth0", Cidr.parse("172.17.0.101/16")),
                new Action.DeleteAddress("ns0", "eth0", Cidr.parse("2001:db8::1/64")),
                new Action.AddRoute("ns0", new Route(Cidr.defaultRoute(true), IpAddress.parse("172.17.0.1"), null)),
                new Action.AddRoute("ns0", new Route(Cidr.defaultRoute(false), null, "eth0")),
                new Action.DeleteRoute("", new Route(Cidr.parse("10.0.0.0/8"), IpAddress.parse("10.1.1.1"), "veth1")),
                new Action.DeleteLink("", "docker0"),
                new Action.DeleteNamespace("ns0")));
        assertEquals(String.join("\n",
                "ip netns add ns0",
                "ip link add eth0 netns ns0 address 02:00:00:00:00:01 mtu 1500 type veth peer name veth1"
                        + " address 02:00:00:00:00:01 mtu 9000",
                "ip tuntap add dev docker0 mode tap && ip link set dev docker0 address 02:00:00:00:00:01 mtu 1500",
                "ip -n ns0 link set dev eth0 up",
                "ip link set dev veth1 mtu 9000",
                "ip -n ns0 link set dev eth0 address 02:00:00:00:00:01",
                "ip -n ns0 address add 172.17.0.101/16 dev eth0",
                "ip -n ns0 address delete 2001:db8::1/64 dev eth0",
                "ip -n ns0 route add default via 172.17.0.1",
                "ip -n ns0 -6 route add default dev eth0",
                "ip route delete 10.0.0.0/8 via 10.1.1.1 dev veth1",
                "ip link delete dev docker0",
                "ip netns delete ns0"), plan.render());
        assertEquals(plan.render(), plan.toString());
    }

    @Test
    void emptyPlanRendersAsNothing() {
        Plan plan = new Plan(List.of());
        assertTrue(plan.isEmpty());
        assertEquals("", plan.render());
    }
}
