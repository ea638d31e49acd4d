package dev.lanyard.control.reconcile;

import dev.lanyard.control.topology.MacAddress;

/**
 * One device to create, with the properties it gets at creation.
 *
 * @param namespace where it is created; "" for the root namespace
 * @param name      its interface name
 * @param mac       its MAC
 * @param mtu       its MTU
 */
public record LinkEnd(String namespace, String name, MacAddress mac, int mtu) {
    /** The iproute2 words for this end, without its name: {@code netns ns0 address 02:.. mtu 1500}. */
    String options() {
        return (namespace.isEmpty() ? "" : "netns " + namespace + " ") + "address " + mac + " mtu " + mtu;
    }
}
