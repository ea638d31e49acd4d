package dev.lanyard.bench.e2e.system;

import dev.lanyard.bench.e2e.lab.Cleanup;
import dev.lanyard.bench.e2e.lab.Commands;
import dev.lanyard.bench.e2e.lab.Lab;

import java.io.IOException;
import java.nio.file.NoSuchFileException;

/**
 * The kernel bridge in the switch namespace, as docker0 is made: STP off, and br_netfilter off both for the
 * bridge and in the namespace, so frames pass no iptables hook. It runs in softirq on whichever CPU receives the
 * frames from the host side, which RPS on its ports turns into the switch core.
 */
public final class BridgeSystem implements SwitchSystem {
    private static final String BRIDGE = "br0";
    private static final String[] BR_NETFILTER = {"bridge-nf-call-iptables", "bridge-nf-call-ip6tables",
        "bridge-nf-call-arptables"};

    private final SystemContext ctx;
    private Cleanup.Step undo;

    /** A kernel bridge system for the run. */
    public BridgeSystem(SystemContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public String name() {
        return "bridge";
    }

    @Override
    public void start() throws IOException {
        String ns = ctx.lab().switchNs();
        undo = ctx.cleanup().add("delete bridge " + BRIDGE + " in " + ns, this::delete);
        Commands.run(10, "ip", "-n", ns, "link", "add", "name", BRIDGE, "type", "bridge", "stp_state", "0",
                "nf_call_iptables", "0", "nf_call_ip6tables", "0", "nf_call_arptables", "0").check();
        for (String key : BR_NETFILTER) {
            try {
                ctx.lab().writeProcSys(ns, "net/bridge/" + key, "0");
            } catch (NoSuchFileException e) {
                // No br_netfilter in this kernel: nothing to turn off.
                continue;
            }
        }
        for (String port : Lab.switchPorts()) {
            Commands.run(10, "ip", "-n", ns, "link", "set", port, "master", BRIDGE).check();
        }
        Commands.run(10, "ip", "-n", ns, "link", "set", BRIDGE, "up").check();
    }

    private void delete() throws IOException {
        String ns = ctx.lab().switchNs();
        if (Commands.run(10, "ip", "-n", ns, "link", "show", BRIDGE).ok()) {
            Commands.run(10, "ip", "-n", ns, "link", "del", BRIDGE).check();
        }
    }

    @Override
    public String stop() {
        if (undo != null) {
            undo.runNow();
            undo = null;
        }
        return "";
    }

    @Override
    public long cpuPid() {
        return -1;
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
        return true;
    }

    @Override
    public String placement() {
        return "bridge: softirq on CPU " + ctx.switchCpu() + " through RPS on its ports (rps_cpus "
                + Lab.cpuMask(ctx.switchCpu()) + " on sw-h1..sw-h3)";
    }
}
