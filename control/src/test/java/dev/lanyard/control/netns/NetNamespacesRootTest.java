package dev.lanyard.control.netns;

import dev.lanyard.control.netlink.LinkInfo;
import dev.lanyard.control.netlink.RtNetlink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.lanyard.control.netns.NetnsTesting.ok;
import static dev.lanyard.control.netns.NetnsTesting.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Namespaces made here behave like `ip netns add` ones, for `ip` and for us. */
@Tag("netns")
class NetNamespacesRootTest {
    private final NetNamespaces namespaces = new NetNamespaces();
    private final List<String> made = Collections.synchronizedList(new ArrayList<>());
    private String prefix;

    @BeforeEach
    void probe() {
        NetnsTesting.assumeNamespaces();
        prefix = NetnsTesting.prefix();
    }

    @AfterEach
    void cleanUp() {
        NetnsTesting.deleteQuietly(namespaces, made);
    }

    private String create(String suffix) throws IOException {
        String name = prefix + suffix;
        made.add(name);
        namespaces.create(name);
        return name;
    }

    @Test
    void createdNamespaceIsListedByIpAndEnterableWithIpNetnsExec() throws Exception {
        String a = create("a");
        String b = create("b");
        List<String> listed = List.of(ok("ip", "netns", "list").split("\\R"));
        assertTrue(listed.stream().anyMatch(l -> l.startsWith(a)), listed.toString());
        assertTrue(listed.stream().anyMatch(l -> l.startsWith(b)), listed.toString());
        assertTrue(namespaces.list().containsAll(List.of(a, b)));
        assertTrue(namespaces.exists(a));
        String lo = ok("ip", "netns", "exec", a, "ip", "-o", "link", "show", "lo");
        assertTrue(lo.contains("<LOOPBACK,UP,LOWER_UP>"), lo);
    }

    @Test
    void loopbackIsUpSoPingToItselfAnswers() throws Exception {
        String a = create("lo");
        ok("ip", "netns", "exec", a, "ping", "-c1", "-W1", "127.0.0.1");
        try (RtNetlink inside = RtNetlink.open(a)) {
            LinkInfo lo = inside.link("lo").orElseThrow();
            assertTrue(lo.adminUp());
            assertTrue(lo.operUp());
            assertEquals(List.of("lo"), inside.links().stream().map(LinkInfo::name).toList());
        }
    }

    @Test
    void runDirectoryIsASharedMountPoint() throws Exception {
        create("m");
        List<String> mountinfo = Files.readAllLines(Path.of("/proc/self/mountinfo"));
        String dir = mountinfo.stream().filter(l -> l.split(" ")[4].equals("/run/netns")).findFirst()
                .orElseThrow(() -> new AssertionError("/run/netns is not a mount point"));
        assertTrue(dir.contains(" shared:"), dir);
        String file = mountinfo.stream().filter(l -> l.split(" ")[4].equals("/run/netns/" + prefix + "m"))
                .findFirst().orElseThrow(() -> new AssertionError("namespace file is not mounted"));
        assertTrue(file.contains(" nsfs "), file);
    }

    @Test
    void deleteRemovesTheNamespaceAndIsQuietWhenItIsGone() throws Exception {
        String a = create("d");
        namespaces.delete(a);
        assertFalse(namespaces.exists(a));
        assertFalse(ok("ip", "netns", "list").contains(a));
        assertFalse(run("ip", "netns", "exec", a, "true").ok());
        namespaces.delete(a);
    }

    @Test
    void duplicateNameFailsClearlyAndLeavesTheFirstAlone() throws Exception {
        String a = create("dup");
        IOException e = assertThrows(IOException.class, () -> namespaces.create(a));
        assertEquals("network namespace " + a + " already exists (/run/netns/" + a + ")", e.getMessage());
        ok("ip", "netns", "exec", a, "true");
    }

    @Test
    void namespaceMadeByIpIsSeenAndDeleted() throws Exception {
        String c = prefix + "ip";
        made.add(c);
        ok("ip", "netns", "add", c);
        assertTrue(namespaces.exists(c));
        assertTrue(namespaces.list().contains(c));
        namespaces.delete(c);
        assertFalse(ok("ip", "netns", "list").contains(c));
    }

    @Test
    void manyThreadsCreateNamespacesAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> all = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String suffix = "c" + i;
                all.add(pool.submit(() -> create(suffix)));
            }
            for (Future<String> f : all) {
                String name = f.get();
                assertTrue(namespaces.exists(name));
                try (RtNetlink inside = RtNetlink.open(name)) {
                    assertTrue(inside.link("lo").orElseThrow().adminUp(), name);
                }
            }
        } finally {
            pool.shutdown();
        }
    }
}
