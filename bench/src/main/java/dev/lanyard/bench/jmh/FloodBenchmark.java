package dev.lanyard.bench.jmh;

import dev.lanyard.dataplane.port.FrameBatch;
import dev.lanyard.dataplane.worker.Pipeline;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Broadcast frames flooded to 3, 8 and 32 other ports; reported per received frame. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FloodBenchmark {
    @Param({"3", "8", "32"})
    int floodPorts;

    private CoreFixture fixture;
    private Pipeline pipeline;
    private final FrameBatch batch = new FrameBatch();

    @Setup
    public void setUp() {
        fixture = CoreFixture.broadcast(floodPorts + 1);
        pipeline = new Pipeline(fixture.sw, 0);
    }

    @Benchmark
    @OperationsPerInvocation(FrameBatch.MAX_BURST)
    public void flood() {
        fixture.nextBurst(batch);
        pipeline.process(0, batch);
    }
}
