package dev.lanyard.control.netns;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Namespace names must name one file under /run/netns. */
class NamespaceNameTest {
    @Test
    void namesThatWouldLeaveRunNetnsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> NetNamespaces.checkName("../etc"));
        assertThrows(IllegalArgumentException.class, () -> NetNamespaces.checkName(".."));
        assertThrows(IllegalArgumentException.class, () -> NetNamespaces.checkName("."));
        assertThrows(IllegalArgumentException.class, () -> NetNamespaces.checkName(""));
        assertThrows(IllegalArgumentException.class, () -> NetNamespaces.checkName("a\0b"));
        assertThrows(IllegalArgumentException.class, () -> NetNamespaces.checkName("x".repeat(256)));
    }

    @Test
    void pathIsUnderRunNetns() {
        assertEquals("/run/netns/h1", new NetNamespaces().path("h1"));
    }
}
