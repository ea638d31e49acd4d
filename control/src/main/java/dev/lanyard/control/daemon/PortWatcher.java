package dev.lanyard.control.daemon;

import dev.lanyard.control.netlink.LinkEvent;
import dev.lanyard.control.netlink.LinkMonitor;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Follows the links under a daemon's ports with one rtnetlink monitor per namespace: a port whose interface goes
 * away (its host's namespace deleted, the veth removed) is closed and kept as missing; an interface of that name
 * appearing again is opened at once; carrier changes reach the switch without waiting for the next poll.
 */
final class PortWatcher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PortWatcher.class.getName());

    private final LabDaemon daemon;
    private final Map<String, LinkMonitor> monitors = new LinkedHashMap<>();

    PortWatcher(LabDaemon daemon) {
        this.daemon = daemon;
    }

    /** Starts watching a namespace ("" for the root namespace) unless already watched. */
    synchronized void watch(String netns) {
        if (monitors.containsKey(netns)) {
            return;
        }
        try {
            LinkMonitor m = netns.isEmpty() ? LinkMonitor.start(e -> event("", e))
                    : LinkMonitor.start(netns, e -> event(netns, e));
            monitors.put(netns, m);
        } catch (IOException e) {
            LOG.warning("cannot follow links in " + (netns.isEmpty() ? "the root namespace" : "namespace " + netns)
                    + ": " + e.getMessage() + "; vanished ports are found by the carrier poll only");
        }
    }

    private void event(String netns, LinkEvent e) {
        for (SwitchRuntime rt : daemon.switches()) {
            PortSpec spec = rt.spec(e.name()).orElse(null);
            if (spec == null || !spec.netns().equals(netns)) {
                continue;
            }
            switch (e.kind()) {
                case REMOVED:
                    if (rt.lose(spec.name(), "interface " + spec.name() + " went away")) {
                        LOG.warning("switch " + rt.name() + ": port " + spec.name() + " is gone (interface removed); "
                                + "it comes back when the interface does");
                    }
                    break;
                case ADDED:
                    if (rt.reopenIfMissing(spec.name())) {
                        LOG.info("switch " + rt.name() + ": port " + spec.name() + " is back");
                    }
                    break;
                case CHANGED:
                    rt.carrier(spec.name(), e.adminUp() && e.operUp());
                    break;
                default:
                    break;
            }
        }
    }

    @Override
    public synchronized void close() {
        for (LinkMonitor m : monitors.values()) {
            m.close();
        }
        monitors.clear();
    }
}
