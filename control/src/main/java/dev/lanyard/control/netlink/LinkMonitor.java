package dev.lanyard.control.netlink;

import dev.lanyard.dataplane.linux.Errno;
import dev.lanyard.dataplane.linux.Fcntl;
import dev.lanyard.dataplane.linux.LinuxException;
import dev.lanyard.dataplane.linux.NetnsExec;
import dev.lanyard.dataplane.linux.Poll;
import dev.lanyard.dataplane.linux.Structs;
import dev.lanyard.dataplane.linux.Unistd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Watches the links of one namespace (RTNLGRP_LINK) and tells a {@link LinkListener} on a thread of its own when
 * one appears, goes away or changes, e.g. a veth end vanishing with its namespace and coming back. Close it to
 * stop; it holds its namespace alive while open.
 */
public final class LinkMonitor implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LinkMonitor.class.getName());
    private static final int RECEIVE_BUFFER = 4 * 1024 * 1024;
    /** ifi_change of a link just registered in (created in or moved into) the namespace. */
    private static final int CHANGE_ALL = ~0;

    private final NetlinkSocket events;
    private final RtNetlink query;
    private final LinkListener listener;
    private final int wakeRead;
    private final int wakeWrite;
    /** The links the listener knows of (announced, or present when the monitor started), by index. */
    private final Map<Integer, LinkInfo> known = new HashMap<>();
    /** Links present at start that no event has mentioned yet. */
    private final Set<Integer> silent = new HashSet<>();
    private final Thread thread;
    private volatile boolean closing;

    private LinkMonitor(NetlinkSocket events, RtNetlink query, int[] wake, LinkListener listener, String label) {
        this.events = events;
        this.query = query;
        this.listener = listener;
        this.wakeRead = wake[0];
        this.wakeWrite = wake[1];
        this.thread = new Thread(this::run, "link-monitor-" + label);
        this.thread.setDaemon(true);
    }

    /** Starts watching the calling thread's namespace. */
    public static LinkMonitor start(LinkListener listener) throws IOException {
        return start(null, listener);
    }

    /** Starts watching the named namespace (/run/netns/NAME), or the caller's when {@code netnsName} is null. */
    public static LinkMonitor start(String netnsName, LinkListener listener) throws IOException {
        return start(netnsName, listener, RECEIVE_BUFFER);
    }

    /** As {@link #start(String, LinkListener)}, with a chosen socket receive buffer (tests provoke overruns). */
    static LinkMonitor start(String netnsName, LinkListener listener, int receiveBuffer) throws IOException {
        String path = netnsName == null ? null : RtNetlink.namespacePath(netnsName);
        NetlinkSocket[] sockets = NetnsExec.call(path, () -> {
            NetlinkSocket subscribed = NetlinkSocket.open();
            try {
                return new NetlinkSocket[] {subscribed, NetlinkSocket.open()};
            } catch (LinuxException e) {
                subscribed.close();
                throw e;
            }
        });
        RtNetlink query = new RtNetlink(sockets[1], path);
        int[] wake = new int[2];
        try {
            sockets[0].subscribe(Rtnetlink.RTNLGRP_LINK);
            sockets[0].receiveBuffer(receiveBuffer);
            if (Unistd.pipe2(wake, Fcntl.O_CLOEXEC | Fcntl.O_NONBLOCK) != 0) {
                throw Errno.exception("pipe2", "link monitor");
            }
        } catch (IOException | RuntimeException e) {
            sockets[0].close();
            query.close();
            throw e;
        }
        LinkMonitor monitor = new LinkMonitor(sockets[0], query, wake, listener,
                netnsName == null ? "here" : netnsName);
        try {
            // Subscribed first, dumped second: a link born in between is in the dump and its birth notification
            // (ifi_change ~0) is still queued, so it is reported as ADDED, never missed.
            for (LinkInfo link : query.links()) {
                monitor.known.put(link.index(), link);
                monitor.silent.add(link.index());
            }
        } catch (IOException | RuntimeException e) {
            monitor.close();
            throw e;
        }
        monitor.thread.start();
        return monitor;
    }

    private void run() {
        byte[] fds = new byte[16];
        Structs.writeInt(fds, 0, events.fd());
        Structs.writeShort(fds, 4, Poll.POLLIN);
        Structs.writeInt(fds, 8, wakeRead);
        Structs.writeShort(fds, 12, Poll.POLLIN);
        try {
            while (!closing) {
                fds[6] = 0;
                fds[7] = 0;
                fds[14] = 0;
                fds[15] = 0;
                int n = Poll.poll(fds, 2, -1);
                if (n < 0 && Errno.last() != Errno.EINTR) {
                    LOG.severe("link monitor stops: poll: " + Errno.describe(Errno.last()));
                    return;
                }
                if (Structs.readShort(fds, 14) != 0 || closing) {
                    return;
                }
                if (Structs.readShort(fds, 6) != 0) {
                    drain();
                }
            }
        } finally {
            releaseResources();
        }
    }

    private void drain() {
        while (!closing) {
            int n;
            try {
                n = events.receive(true);
            } catch (LinuxException e) {
                if (e.errno() == Errno.ENOBUFS) {
                    if (!discardQueued()) {
                        return;
                    }
                    resync();
                    continue;
                }
                LOG.log(Level.SEVERE, "link monitor: receive failed", e);
                return;
            }
            if (n < 0) {
                return;
            }
            try {
                dispatch(events.received(), n);
            } catch (NetlinkProtocolException e) {
                LOG.log(Level.WARNING, "link monitor: skipping a malformed notification", e);
            }
        }
    }

    private void dispatch(ByteBuffer buf, int length) throws NetlinkProtocolException {
        int at = 0;
        while (at < length) {
            NetlinkMessage m = NetlinkMessage.at(buf, at, length);
            at = m.nextOffset();
            int type = m.type();
            if (type != Rtnetlink.RTM_NEWLINK && type != Rtnetlink.RTM_DELLINK || LinkMessages.family(m) != 0) {
                // Bridge port notifications (AF_BRIDGE) share the group; they are not link births or deaths.
                continue;
            }
            LinkInfo link = LinkMessages.decode(m);
            boolean wasSilent = silent.remove(link.index());
            if (type == Rtnetlink.RTM_DELLINK) {
                if (known.remove(link.index()) != null) {
                    deliver(new LinkEvent(LinkEvent.Kind.REMOVED, link));
                }
            } else {
                LinkInfo before = known.put(link.index(), link);
                boolean added = before == null || wasSilent && LinkMessages.change(m) == CHANGE_ALL;
                deliver(new LinkEvent(added ? LinkEvent.Kind.ADDED : LinkEvent.Kind.CHANGED, link));
            }
        }
    }

    /**
     * Throws away what is queued after an overrun. Until the queue has been empty once the kernel drops further
     * notifications without another ENOBUFS, so the dump that follows must come after this, not before.
     */
    private boolean discardQueued() {
        while (!closing) {
            try {
                if (events.receive(true) < 0) {
                    return true;
                }
            } catch (LinuxException e) {
                if (e.errno() != Errno.ENOBUFS) {
                    LOG.log(Level.SEVERE, "link monitor: receive failed", e);
                    return false;
                }
            }
        }
        return false;
    }

    private void resync() {
        try {
            listener.onEventsLost();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "link listener failed", e);
        }
        Map<Integer, LinkInfo> now = new HashMap<>();
        try {
            for (LinkInfo link : query.links()) {
                now.put(link.index(), link);
            }
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "link monitor: resync dump failed", e);
            return;
        }
        for (LinkInfo gone : known.values()) {
            if (!now.containsKey(gone.index())) {
                deliver(new LinkEvent(LinkEvent.Kind.REMOVED, gone));
            }
        }
        for (LinkInfo link : now.values()) {
            LinkInfo before = known.get(link.index());
            if (before == null) {
                deliver(new LinkEvent(LinkEvent.Kind.ADDED, link));
            } else if (!before.equals(link)) {
                deliver(new LinkEvent(LinkEvent.Kind.CHANGED, link));
            }
        }
        known.clear();
        known.putAll(now);
        silent.clear();
    }

    private void deliver(LinkEvent event) {
        try {
            listener.onLinkEvent(event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "link listener failed on " + event, e);
        }
    }

    private void releaseResources() {
        events.close();
        query.close();
        Unistd.closeQuietly(wakeRead);
    }

    /** Stops the monitor and waits for its thread, unless called from the listener itself. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        if (thread.getState() == Thread.State.NEW) {
            releaseResources();
        } else if (thread.isAlive()) {
            Unistd.write(wakeWrite, ByteBuffer.allocateDirect(1), 1);
            if (Thread.currentThread() != thread) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        Unistd.closeQuietly(wakeWrite);
    }
}
