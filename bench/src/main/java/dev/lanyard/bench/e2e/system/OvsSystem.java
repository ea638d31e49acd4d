package dev.lanyard.bench.e2e.system;

import dev.lanyard.bench.e2e.lab.Cleanup;
import dev.lanyard.bench.e2e.lab.Commands;
import dev.lanyard.bench.e2e.lab.Lab;
import dev.lanyard.bench.e2e.lab.Proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Open vSwitch's userspace datapath ({@code datapath_type=netdev}), with ovsdb-server and ovs-vswitchd started
 * by hand in a private directory (database, sockets, pid and log files), never the system service: ovsdb-server
 * in this namespace, ovs-vswitchd inside the switch namespace so it sees the ports, both pinned to the switch
 * core. They are stopped by their pids; ovs-vswitchd first with {@code exit --cleanup} so it removes its datapath
 * and tap devices.
 */
public final class OvsSystem implements SwitchSystem {
    private static final String SCHEMA = "/usr/share/openvswitch/vswitch.ovsschema";
    private static final String BRIDGE = "br0";

    private final SystemContext ctx;
    private Path dir;
    private Proc db;
    private Proc vswitchd;
    private Cleanup.Step removeDir;

    /** An Open vSwitch system for the run. */
    public OvsSystem(SystemContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public String name() {
        return "ovs";
    }

    private String dbSocket() {
        return "unix:" + dir.resolve("db.sock");
    }

    @Override
    public void start() throws IOException, InterruptedException {
        dir = Files.createTempDirectory(ctx.workDir(), "ovs-");
        Path d = dir;
        removeDir = ctx.cleanup().add("remove " + d, () -> Cleanup.deleteTree(d));
        Map<String, String> env = Map.of("OVS_RUNDIR", d.toString(), "OVS_LOGDIR", d.toString(), "OVS_DBDIR",
                d.toString(), "OVS_SYSCONFDIR", d.toString());
        Commands.run(30, "ovsdb-tool", "create", d.resolve("conf.db").toString(), SCHEMA).check();
        String cpu = Integer.toString(ctx.switchCpu());
        db = Proc.start("ovsdb-server", List.of("taskset", "-c", cpu, "ovsdb-server", d.resolve("conf.db").toString(),
                "--remote=punix:" + d.resolve("db.sock"), "--pidfile=" + d.resolve("ovsdb-server.pid"),
                "--unixctl=" + d.resolve("ovsdb-server.ctl"), "--log-file=" + d.resolve("ovsdb-server.log"),
                "--no-chdir", "-vconsole:off"), env, ctx.cleanup());
        awaitFile(d.resolve("db.sock"), db);
        Commands.run(20, "ovs-vsctl", "--db=" + dbSocket(), "--no-wait", "init").check();
        List<String> vs = new ArrayList<>(Commands.inNamespace(ctx.lab().switchNs(), ctx.switchCpu(), "ovs-vswitchd",
                dbSocket(), "--pidfile=" + d.resolve("ovs-vswitchd.pid"), "--unixctl=" + d.resolve("ovs-vswitchd.ctl"),
                "--log-file=" + d.resolve("ovs-vswitchd.log"), "--no-chdir", "-vconsole:off"));
        vswitchd = Proc.start("ovs-vswitchd", vs, env, ctx.cleanup());
        awaitFile(d.resolve("ovs-vswitchd.ctl"), vswitchd);
        List<String> add = new ArrayList<>(List.of("ovs-vsctl", "--db=" + dbSocket(), "--timeout=30", "--",
                "add-br", BRIDGE, "--", "set", "bridge", BRIDGE, "datapath_type=netdev"));
        for (String port : Lab.switchPorts()) {
            add.addAll(List.of("--", "add-port", BRIDGE, port));
        }
        Commands.run(40, add).check();
    }

    private static void awaitFile(Path file, Proc owner) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!Files.exists(file)) {
            if (!owner.alive()) {
                throw new IOException(owner.name() + " exited: " + LanyardSystem.tail(owner.output(), 5));
            }
            if (System.nanoTime() > deadline) {
                throw new IOException(owner.name() + " made no " + file.getFileName() + " in 20 s");
            }
            Thread.sleep(20);
        }
    }

    @Override
    public String stop() throws IOException, InterruptedException {
        StringBuilder report = new StringBuilder();
        if (vswitchd != null) {
            String ctl = dir.resolve("ovs-vswitchd.ctl").toString();
            if (vswitchd.alive()) {
                Commands.Result stats = Commands.run(10, "ovs-appctl", "-t", ctl, "dpctl/show", "-s");
                report.append(stats.ok() ? stats.out().strip() : stats.describeFailure());
                Commands.run(15, "ovs-appctl", "-t", ctl, "exit", "--cleanup");
            }
            if (vswitchd.await(Duration.ofSeconds(10)) < 0) {
                report.append("\n(ovs-vswitchd did not exit on `exit --cleanup`: stopped by signal)");
            }
            vswitchd.close(Duration.ofSeconds(5));
            vswitchd = null;
        }
        if (db != null) {
            db.close(Duration.ofSeconds(5));
            db = null;
        }
        // exit --cleanup removes the datapath's taps; a crash would leave them in the switch namespace.
        for (String tap : List.of(BRIDGE, "ovs-netdev")) {
            if (Commands.run(10, "ip", "-n", ctx.lab().switchNs(), "link", "show", tap).ok()) {
                Commands.run(10, "ip", "-n", ctx.lab().switchNs(), "link", "del", tap);
            }
        }
        if (removeDir != null) {
            removeDir.runNow();
            removeDir = null;
        }
        return report.toString();
    }

    @Override
    public long cpuPid() {
        return vswitchd == null ? -1 : vswitchd.pid();
    }

    @Override
    public TestPath path() {
        return ctx.switchedPath();
    }

    @Override
    public boolean switched() {
        return true;
    }

    @Override
    public boolean needsPortRps() {
        return false;
    }

    @Override
    public String placement() {
        return "ovs: ovs-vswitchd (all threads; non-PMD ports are polled by its main thread) and ovsdb-server pinned "
                + "to CPU " + ctx.switchCpu() + " with taskset";
    }
}
