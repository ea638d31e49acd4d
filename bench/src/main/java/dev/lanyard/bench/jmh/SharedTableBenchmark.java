package dev.lanyard.bench.jmh;

import dev.lanyard.dataplane.port.FrameBatch;
import dev.lanyard.dataplane.worker.Pipeline;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One and two worker threads forwarding known unicast through one shared switch and MAC table (64K entries); each
 * thread is its own worker with its own pipeline and TX queues. Compare {@code twoWorkers} with {@code oneWorker}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SharedTableBenchmark {
    /** The switch both threads share. */
    @State(Scope.Benchmark)
    public static class Shared {
        CoreFixture fixture;
        final AtomicInteger nextWorker = new AtomicInteger();

        @Setup
        public void setUp() {
            fixture = CoreFixture.knownUnicast(65_536, 2);
        }
    }

    /** One worker: its pipeline and its own walk through the frame pool. */
    @State(Scope.Thread)
    public static class Worker {
        Pipeline pipeline;
        CoreFixture frames;
        final FrameBatch batch = new FrameBatch();

        @Setup
        public void setUp(Shared shared) {
            int worker = shared.nextWorker.getAndIncrement() % 2;
            pipeline = new Pipeline(shared.fixture.sw, worker);
            frames = shared.fixture.walker(worker * 30_011);
        }
    }

    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(FrameBatch.MAX_BURST)
    public void oneWorker(Worker w) {
        w.frames.nextBurst(w.batch);
        w.pipeline.process(0, w.batch);
    }

    @Benchmark
    @Threads(2)
    @OperationsPerInvocation(FrameBatch.MAX_BURST)
    public void twoWorkers(Worker w) {
        w.frames.nextBurst(w.batch);
        w.pipeline.process(0, w.batch);
    }
}
