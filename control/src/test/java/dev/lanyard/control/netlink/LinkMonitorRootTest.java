package dev.lanyard.control.netlink;

import dev.lanyard.control.netns.NetNamespaces;
import dev.lanyard.control.netns.NetnsTesting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The monitor sees a switch-side veth end vanish with its host's namespace and come back. */
@Tag("netns")
class LinkMonitorRootTest {
    private final NetNamespaces namespaces = new NetNamespaces();
    private final List<String> made = new ArrayList<>();
    private final BlockingQueue<LinkEvent> events = new LinkedBlockingQueue<>();
    private String sw;
    private String host;
    private LinkMonitor monitor;

    @BeforeEach
    void switchNamespace() throws IOException {
        NetnsTesting.assumeNamespaces();
        String prefix = NetnsTesting.prefix();
        sw = prefix + "sw";
        host = prefix + "h1";
        made.add(sw);
        namespaces.create(sw);
    }

    @AfterEach
    void cleanUp() {
        if (monitor != null) {
            monitor.close();
        }
        NetnsTesting.deleteQuietly(namespaces, made);
    }

    private void hostWithVeth() throws IOException {
        made.add(host);
        namespaces.create(host);
        try (RtNetlink inSwitch = RtNetlink.open(sw)) {
            inSwitch.createVeth(VethSpec.of(VethSpec.End.of("sw-h1"), VethSpec.End.of("eth0").in(host)));
        }
    }

    private LinkEvent next(LinkEvent.Kind kind, String name) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            LinkEvent e = events.poll(100, TimeUnit.MILLISECONDS);
            if (e != null && e.kind() == kind && e.name().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no " + kind + " event for " + name + " within 5 s");
    }

    @Test
    void vethEndVanishingWithItsPeersNamespaceAndComingBackIsSeen() throws Exception {
        monitor = LinkMonitor.start(sw, events::add);
        hostWithVeth();
        LinkEvent added = next(LinkEvent.Kind.ADDED, "sw-h1");
        assertEquals("veth", added.link().kind());
        assertFalse(added.adminUp());

        try (RtNetlink inSwitch = RtNetlink.open(sw)) {
            inSwitch.setUp("sw-h1", true);
        }
        assertTrue(next(LinkEvent.Kind.CHANGED, "sw-h1").adminUp());

        namespaces.delete(host);
        LinkEvent removed = next(LinkEvent.Kind.REMOVED, "sw-h1");
        assertEquals(added.index(), removed.index());

        hostWithVeth();
        LinkEvent back = next(LinkEvent.Kind.ADDED, "sw-h1");
        assertNotNull(back.link());
    }

    @Test
    void lostNotificationsAreMadeUpForByComparingADump() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean lost = new AtomicBoolean();
        Set<String> added = ConcurrentHashMap.newKeySet();
        monitor = LinkMonitor.start(sw, new LinkListener() {
            @Override
            public void onLinkEvent(LinkEvent event) {
                awaitQuietly(release);
                if (event.kind() == LinkEvent.Kind.ADDED) {
                    added.add(event.name());
                }
            }

            @Override
            public void onEventsLost() {
                lost.set(true);
            }
        }, 1024);
        try (RtNetlink inSwitch = RtNetlink.open(sw)) {
            for (int i = 0; i < 40; i++) {
                inSwitch.createVeth(VethSpec.of("a" + i, "b" + i));
            }
        }
        release.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (added.size() < 80 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(lost.get(), "a 1 KiB receive buffer should overflow with 80 new links");
        assertEquals(80, added.size(), added::toString);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void closeStopsTheMonitorThread() throws Exception {
        monitor = LinkMonitor.start(sw, events::add);
        String threadName = "link-monitor-" + sw;
        assertTrue(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(threadName)));
        monitor.close();
        assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(threadName)));
        hostWithVeth();
        Thread.sleep(100);
        assertTrue(events.isEmpty(), events::toString);
    }
}
