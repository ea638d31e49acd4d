package dev.lanyard.bench.e2e.system;

import dev.lanyard.bench.e2e.lab.Lab;

import java.util.List;

/** No switch: h1 and h2 joined by their own veth pair (eth1), the limit for latency and TCP on this machine. */
public final class DirectSystem implements SwitchSystem {
    private final SystemContext ctx;

    /** The bare pair of the run's lab. */
    public DirectSystem(SystemContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public String name() {
        return "direct";
    }

    @Override
    public void start() {
        // The pair exists for the whole run; there is nothing to attach.
    }

    @Override
    public String stop() {
        return "";
    }

    @Override
    public long cpuPid() {
        return -1;
    }

    @Override
    public TestPath path() {
        return new TestPath(ctx.lab().hostNs(1), Lab.DIRECT_DEV, Lab.directMac(1), Lab.directIp(1),
                ctx.lab().hostNs(2), Lab.DIRECT_DEV, Lab.directIp(2), Lab.directMac(2), null, List.of());
    }

    @Override
    public boolean switched() {
        return false;
    }

    @Override
    public boolean needsPortRps() {
        return false;
    }

    @Override
    public String placement() {
        return "direct: no switch; h1 eth1 <-> h2 eth1, all work on the hosts' CPU";
    }
}
