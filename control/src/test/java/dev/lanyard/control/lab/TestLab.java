package dev.lanyard.control.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanyard.control.cli.Main;
import dev.lanyard.dataplane.lab.Cmd;
import dev.lanyard.dataplane.lab.HandLab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One example lab under test: the examples/ file with every name that lives in a shared place (namespaces, root
 * namespace devices, the lab itself) given this run's prefix, its own state directory, and a cleanup that removes
 * whatever is left even when the test failed half way.
 */
final class TestLab implements AutoCloseable {
    final String prefix = HandLab.newPrefix();
    final Path stateDir;
    final Path file;
    final String lab;

    private TestLab(String example, List<String> names) throws IOException {
        this(example, Files.readString(repoRoot().resolve("examples").resolve(example), StandardCharsets.UTF_8),
                names);
    }

    private TestLab(String example, String source, List<String> names) throws IOException {
        String text = source;
        Matcher m = Pattern.compile("(?m)^lab:\\s*(\\S+)").matcher(text);
        assertTrue(m.find(), "example has a lab name");
        lab = prefix + "-" + m.group(1);
        text = m.replaceFirst("lab: " + lab);
        for (String n : names) {
            text = text.replaceAll("(?<![A-Za-z0-9_.-])" + Pattern.quote(n) + "(?![A-Za-z0-9_])", prefix + n);
        }
        stateDir = Files.createTempDirectory("lanyard-state");
        file = stateDir.resolve(example);
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** The example, with these names (namespaces, root devices, switches) prefixed. */
    static TestLab of(String example, String... names) throws IOException {
        return new TestLab(example, List.of(names));
    }

    /** A topology given as text (named {@code fileName}), with these names prefixed. */
    static TestLab ofText(String fileName, String yaml, String... names) throws IOException {
        return new TestLab(fileName, yaml, List.of(names));
    }

    /** A name as this run spells it. */
    String n(String name) {
        return prefix + name;
    }

    /** Runs the lanyard command line in this JVM against this lab's state directory. */
    int lanyard(String... args) {
        int words = args[0].equals("port") || args[0].equals("fdb") ? 2 : 1;
        String[] full = new String[args.length + 2];
        System.arraycopy(args, 0, full, 0, words);
        full[words] = "--state-dir";
        full[words + 1] = stateDir.toString();
        System.arraycopy(args, words, full, words + 2, args.length - words);
        return Main.run(full);
    }

    /** Brings the lab up and checks it said so. */
    void up() {
        assertEquals(0, lanyard("up", file.toString()), "lanyard up " + file);
    }

    /** Pings from a namespace of this run. */
    boolean ping(String ns, String address) {
        return Cmd.run(15, "ip", "netns", "exec", n(ns), "ping", "-q", "-c", "2", "-i", "0.2", "-W", "2", address)
                .ok();
    }

    /** Asserts that nothing of the lab is left: namespaces, links, files, daemon. */
    void assertGone() throws IOException {
        assertFalse(Cmd.check("ip", "netns", "list").out().contains(prefix), "namespaces left");
        assertFalse(Cmd.check("ip", "-o", "link").out().contains(prefix), "root links left");
        try (Stream<Path> s = Files.list(stateDir)) {
            assertEquals(List.of(file.getFileName().toString()), s.map(p -> p.getFileName().toString()).toList(),
                    "files left in the state directory");
        }
        assertFalse(daemonRunning(), "daemon still running");
    }

    boolean daemonRunning() {
        return new DaemonControl(new LabPaths(stateDir)).find(lab).isPresent();
    }

    /** The daemon's resident memory in kB, from /proc. */
    long daemonRssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(daemonPid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for the daemon");
    }

    long daemonPid() {
        return new DaemonControl(new LabPaths(stateDir)).find(lab).orElseThrow().pid();
    }

    /** Takes the lab down however it is, then removes anything with this run's prefix, then the state dir. */
    @Override
    public void close() throws IOException {
        lanyard("down", lab);
        for (String line : Cmd.check("ip", "netns", "list").out().split("\n")) {
            String ns = line.split(" ")[0];
            if (ns.startsWith(prefix)) {
                Cmd.run("ip", "netns", "del", ns);
            }
        }
        for (String line : Cmd.check("ip", "-o", "link").out().split("\n")) {
            Matcher m = Pattern.compile("^\\d+: (" + prefix + "[^:@]*)").matcher(line);
            if (m.find()) {
                Cmd.run("ip", "link", "del", m.group(1));
            }
        }
        try (Stream<Path> s = Files.walk(stateDir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The switch-side end of a host's eth0: the root link whose index eth0's peer index names. */
    String portFacing(String host) {
        // The veth's iflink is its peer's ifindex; the peer is in the root namespace, which /sys/class/net shows.
        String peerIndex = Cmd.check("ip", "netns", "exec", n(host), "cat", "/sys/class/net/eth0/iflink").out().trim();
        try (Stream<Path> devices = Files.list(Path.of("/sys/class/net"))) {
            for (Path d : (Iterable<Path>) devices::iterator) {
                try {
                    if (Files.readString(d.resolve("ifindex")).trim().equals(peerIndex)) {
                        return d.getFileName().toString();
                    }
                } catch (IOException gone) {
                    // A device that went away while we looked.
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /sys/class/net", e);
        }
        throw new IllegalStateException("no root link with index " + peerIndex + " facing " + n(host));
    }

    /** Whether a process is alive and not a zombie (whoever adopted an exited daemon may reap it late). */
    static boolean running(long pid) throws IOException {
        try {
            return !Files.readString(Path.of("/proc", String.valueOf(pid), "stat")).split("\\) ")[1].startsWith("Z");
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        }
    }

    static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("examples"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find examples/ above " + Path.of("").toAbsolutePath());
        }
        return p;
    }
}
