package dev.lanyard.dataplane.worker;

import dev.lanyard.dataplane.Clock;
import dev.lanyard.dataplane.Switch;
import dev.lanyard.dataplane.fdb.Filter;
import dev.lanyard.dataplane.forward.PortSettings;
import dev.lanyard.dataplane.port.Port;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.IoRegistration;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SelectStrategy;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a {@link Switch} on Netty 4.2 epoll event loops: one worker per loop, each port's receive descriptor
 * registered as an {@code EpollIoHandle} on one worker, and a housekeeping thread that ages the MAC table, follows
 * carrier and folds kernel drop counts in. Ports come and go while traffic flows.
 */
public final class Dataplane implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Dataplane.class.getName());

    private final Switch sw;
    private final MultiThreadIoEventLoopGroup group;
    private final Worker[] workers;
    private final ScheduledExecutorService housekeeping;
    private final Map<String, Attached> attached = new LinkedHashMap<>();
    private boolean closed;

    private record Attached(Port port, int index, Worker worker, RxHandle handle, IoRegistration registration) {
    }

    /** Starts the workers of a switch. */
    public Dataplane(Switch sw, DataplaneOptions options) {
        Epoll.ensureAvailability();
        this.sw = sw;
        IoHandlerFactory factory = options.busyPoll()
                ? EpollIoHandler.newFactory(0, () -> (selectNow, hasTasks) -> SelectStrategy.BUSY_WAIT)
                : options.spinMicros() > 0 ? EpollIoHandler.newFactory(0, () -> new AdaptivePoll(options.spinMicros()))
                : EpollIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(sw.workers(), threads(options.threadPrefix() + "-w"), factory);
        List<Worker> list = new ArrayList<>();
        for (EventExecutor e : group) {
            list.add(new Worker(list.size(), sw, (IoEventLoop) e));
        }
        this.workers = list.toArray(new Worker[0]);
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(threads(options.threadPrefix() + "-hk"));
        long agingPeriod = Math.max(1_000, Math.min(10_000, sw.fdb().agingMillis() / 10));
        housekeeping.scheduleWithFixedDelay(this::age, agingPeriod, agingPeriod, TimeUnit.MILLISECONDS);
        housekeeping.scheduleWithFixedDelay(this::followCarrier, 1, 1, TimeUnit.SECONDS);
        housekeeping.scheduleWithFixedDelay(this::collectStatistics, 1, 1, TimeUnit.SECONDS);
        housekeeping.scheduleWithFixedDelay(Clock::calibrate, 1, 1, TimeUnit.SECONDS);
        sw.taps().quiescer(this::quiesce);
    }

    /** The switch this runs. */
    public Switch sw() {
        return sw;
    }

    /**
     * Adds a port and starts polling it on the worker with the fewest ports. Returns its index. The port belongs to
     * the dataplane from now on; on failure it is not attached and the caller still owns it.
     */
    public synchronized int attach(Port port, PortSettings settings) throws IOException {
        Object r = attachAll(List.of(port), List.of(settings)).get(0);
        if (r instanceof IOException e) {
            throw e;
        }
        if (r instanceof RuntimeException e) {
            throw e;
        }
        return (Integer) r;
    }

    /**
     * Adds several ports at once: each goes to the worker with the fewest ports, and every registration is handed
     * to the workers before waiting for any, so a hundred ports cost one round trip to the loops instead of two
     * each. Returns, per port in order, its index (an Integer) or why it was not attached (an IOException or a
     * RuntimeException, and then the caller still owns that port).
     */
    public synchronized List<Object> attachAll(List<Port> ports, List<PortSettings> settings) {
        if (closed) {
            throw new IllegalStateException("dataplane of switch " + sw.name() + " is closed");
        }
        int n = ports.size();
        List<Object> results = new ArrayList<>(n);
        int[] load = new int[workers.length];
        for (int w = 0; w < workers.length; w++) {
            load[w] = workers[w].portCount();
        }
        List<Future<IoRegistration>> polling = new ArrayList<>(n);
        List<RxHandle> handles = new ArrayList<>(n);
        List<Worker> chosen = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Port port = ports.get(i);
            polling.add(null);
            handles.add(null);
            chosen.add(null);
            if (attached.containsKey(port.name())) {
                results.add(new IllegalArgumentException("switch " + sw.name() + " already has a port named "
                        + port.name()));
                continue;
            }
            int index;
            try {
                index = sw.addPort(port, settings.get(i));
            } catch (RuntimeException e) {
                results.add(e);
                continue;
            }
            results.add(index);
            if (port.rx() == null) {
                attached.put(port.name(), new Attached(port, index, null, null, null));
                continue;
            }
            int least = 0;
            for (int w = 1; w < workers.length; w++) {
                if (load[w] < load[least]) {
                    least = w;
                }
            }
            load[least]++;
            Worker worker = workers[least];
            RxHandle handle = new RxHandle(port, index, worker);
            handles.set(i, handle);
            chosen.set(i, worker);
            // On the loop itself, register() completes at once; the handle polls from the same task.
            polling.set(i, worker.loop().submit(() -> {
                IoRegistration registration = worker.loop().register(handle).syncUninterruptibly().getNow();
                try {
                    registration.submit(EpollIoOps.EPOLLIN);
                    worker.add(handle);
                } catch (RuntimeException e) {
                    registration.cancel();
                    throw e;
                }
                return registration;
            }));
        }
        for (int i = 0; i < n; i++) {
            Future<IoRegistration> f = polling.get(i);
            if (f == null) {
                continue;
            }
            RxHandle handle = handles.get(i);
            Worker worker = chosen.get(i);
            Port port = ports.get(i);
            int index = (Integer) results.get(i);
            f.awaitUninterruptibly();
            if (f.isSuccess()) {
                attached.put(port.name(), new Attached(port, index, worker, handle, f.getNow()));
            } else {
                sw.removePort(index);
                results.set(i, new IOException("could not poll port " + port.name() + " on worker "
                        + worker.id() + ": " + f.cause().getMessage(), f.cause()));
            }
        }
        return results;
    }

    /**
     * Removes a port while the others keep forwarding: its worker stops polling it, the switch stops sending to it,
     * every worker passes a quiescent point (so none still holds a frame for it), then it is closed.
     */
    public synchronized void detach(String name) throws IOException {
        Attached a = attached.remove(name);
        if (a == null) {
            throw new IllegalArgumentException("switch " + sw.name() + " has no port named " + name);
        }
        if (a.handle() != null) {
            a.worker().loop().submit(() -> {
                a.handle().detach();
                a.registration().cancel();
                a.worker().remove(a.handle());
            }).syncUninterruptibly();
        }
        sw.removePort(a.index());
        quiesce();
        a.port().close();
    }

    /** Names of attached ports in the order they were added. */
    public synchronized List<String> portNames() {
        return new ArrayList<>(attached.keySet());
    }

    /** The index of an attached port, or -1. */
    public synchronized int indexOf(String name) {
        Attached a = attached.get(name);
        return a == null ? -1 : a.index();
    }

    /** The worker polling a port, or -1 when none does. */
    public synchronized int workerOf(String name) {
        Attached a = attached.get(name);
        return a == null || a.worker() == null ? -1 : a.worker().id();
    }

    /** Failures caught in receive handles since start, over all workers. */
    public long handleFailures() {
        long n = 0;
        for (Worker w : workers) {
            n += w.failures();
        }
        return n;
    }

    /**
     * Waits until every worker has finished whatever it was doing when this was called (its current burst). Never
     * call it from a worker thread; after {@link #close()} it returns at once.
     */
    public void quiesce() {
        for (Worker w : workers) {
            if (w.loop().inEventLoop()) {
                throw new IllegalStateException("quiesce() called from worker " + w.id() + " would wait for itself");
            }
            if (!w.loop().isShuttingDown()) {
                w.loop().submit(() -> { }).awaitUninterruptibly();
            }
        }
    }

    private void age() {
        try {
            sw.fdb().age(Clock.millis());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "ageing the MAC table of switch " + sw.name(), e);
        }
    }

    private void followCarrier() {
        List<Attached> now;
        synchronized (this) {
            now = new ArrayList<>(attached.values());
        }
        for (Attached a : now) {
            try {
                boolean up = a.port().linkUp();
                if (up != sw.ports().forwarding(a.index()) && sw.ports().port(a.index()) == a.port()
                        && sw.ports().settings(a.index()).enabled()) {
                    LOG.info(() -> "port " + a.port().name() + " of switch " + sw.name() + " link "
                            + (up ? "up" : "down"));
                    sw.linkState(a.index(), up);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "checking carrier of port " + a.port().name(), e);
            }
        }
    }

    private void collectStatistics() {
        for (Worker w : workers) {
            w.loop().execute(w::collectStatistics);
        }
    }

    /**
     * Detaches every port and stops the workers. Ports are closed in parallel: closing a bound packet socket waits
     * for an RCU grace period in the kernel (synchronize_net), and one after another that adds up to seconds for a
     * switch with a hundred ports.
     */
    @Override
    public void close() throws IOException {
        beginClose().await();
    }

    /**
     * Stops switching at once (every port detached, workers stopped) and leaves the ports closing on threads of
     * their own, so that the caller can do other work (take down the links under them) meanwhile; the returned
     * {@link Closing} waits for them. Again: a closing with nothing to wait for.
     */
    public Closing beginClose() {
        List<Attached> all;
        synchronized (this) {
            if (closed) {
                return new Closing(List.of(), new IOException[1]);
            }
            closed = true;
            all = new ArrayList<>(attached.values());
            attached.clear();
        }
        for (Worker w : workers) {
            w.loop().submit(() -> {
                for (Attached a : all) {
                    if (a.worker() == w && a.handle() != null) {
                        a.handle().detach();
                        a.registration().cancel();
                        w.remove(a.handle());
                    }
                }
            }).syncUninterruptibly();
        }
        // One scan of the MAC table for all ports, rather than one per port as each is removed.
        sw.fdb().flush(Filter.ANY);
        for (Attached a : all) {
            sw.removePort(a.index());
        }
        quiesce();
        housekeeping.shutdownNow();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        return closeAll(all.stream().map(Attached::port).toList());
    }

    /** Ports being closed on parallel threads. */
    public static final class Closing {
        private final List<Thread> threads;
        private final IOException[] first;

        private Closing(List<Thread> threads, IOException[] first) {
            this.threads = threads;
            this.first = first;
        }

        /** Waits until every port is closed; throws the first failure. */
        public void await() throws IOException {
            for (Thread t : threads) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while closing ports", e);
                }
            }
            synchronized (first) {
                if (first[0] != null) {
                    throw first[0];
                }
            }
        }
    }

    /** Starts closing ports on parallel threads. */
    private static Closing closeAll(List<Port> ports) {
        List<Thread> threads = new ArrayList<>();
        IOException[] first = new IOException[1];
        for (Port p : ports) {
            Thread t = new Thread(() -> {
                try {
                    p.close();
                } catch (IOException | RuntimeException e) {
                    synchronized (first) {
                        if (first[0] == null) {
                            first[0] = new IOException("closing port " + p.name() + ": " + e.getMessage(), e);
                        }
                    }
                }
            }, "lanyard-close-" + p.name());
            t.start();
            threads.add(t);
        }
        return new Closing(threads, first);
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        };
    }
}
