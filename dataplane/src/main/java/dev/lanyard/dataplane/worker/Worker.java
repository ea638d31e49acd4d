package dev.lanyard.dataplane.worker;

import dev.lanyard.dataplane.Switch;
import dev.lanyard.dataplane.counter.WorkerCounters;
import dev.lanyard.dataplane.linux.Errno;
import dev.lanyard.dataplane.port.FrameBatch;
import dev.lanyard.dataplane.port.packet.VethPort;
import io.netty.channel.IoEventLoop;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Everything one worker thread owns: its event loop, pipeline, burst buffer, counters and the receive handles of
 * the ports it polls. Only its loop thread touches the pipeline, the batch and the handle list.
 */
final class Worker {
    private static final Logger LOG = Logger.getLogger(Worker.class.getName());
    private static final long FAILURE_LOG_INTERVAL_NANOS = 5_000_000_000L;

    private final int id;
    private final Switch sw;
    private final IoEventLoop loop;
    private final Pipeline pipeline;
    private final FrameBatch batch = new FrameBatch();
    private final List<RxHandle> handles = new ArrayList<>();
    private volatile int portCount;
    private long failures;
    private long lastFailureLog;

    Worker(int id, Switch sw, IoEventLoop loop) {
        this.id = id;
        this.sw = sw;
        this.loop = loop;
        this.pipeline = new Pipeline(sw, id);
    }

    int id() {
        return id;
    }

    IoEventLoop loop() {
        return loop;
    }

    Pipeline pipeline() {
        return pipeline;
    }

    FrameBatch batch() {
        return batch;
    }

    WorkerCounters counters() {
        return sw.counters(id);
    }

    /** Ports this worker polls, for placing new ones. */
    int portCount() {
        return portCount;
    }

    /** On the loop: starts polling a handle. */
    void add(RxHandle h) {
        handles.add(h);
        portCount = handles.size();
    }

    /** On the loop: stops polling a handle. */
    void remove(RxHandle h) {
        handles.remove(h);
        portCount = handles.size();
    }

    /** On the loop: folds every port's kernel counters in. */
    void collectStatistics() {
        for (RxHandle h : handles) {
            h.collectStatistics();
        }
    }

    /** Failures caught in handles since start. */
    long failures() {
        return failures;
    }

    /** EPOLLERR on a receive descriptor: clear the socket error; a vanished or downed link takes the port down. */
    void rxError(RxHandle h) {
        if (h.port() instanceof VethPort veth) {
            int err = veth.takeRxError();
            if (err == Errno.ENETDOWN || err == Errno.ENODEV || err == Errno.ENXIO) {
                LOG.warning(() -> "port " + veth.name() + " of switch " + sw.name() + ": "
                        + Errno.describe(err) + "; marking it down");
                sw.linkState(h.index(), false);
            }
        }
    }

    void failure(RxHandle h, Throwable t) {
        failures++;
        long now = System.nanoTime();
        if (now - lastFailureLog > FAILURE_LOG_INTERVAL_NANOS) {
            lastFailureLog = now;
            LOG.log(Level.SEVERE, "worker " + id + " of switch " + sw.name() + ": failure on port "
                    + h.port().name() + " (" + failures + " so far); the port keeps running", t);
        }
    }
}
