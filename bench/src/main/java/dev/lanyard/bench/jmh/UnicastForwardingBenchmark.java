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

/**
 * Known-unicast forwarding of 64-byte frames through the whole core (decode, learn, lookup, decide, queue, flush),
 * a burst of 32 per invocation, with 1K, 64K and 1M learned addresses. Reported per frame.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class UnicastForwardingBenchmark {
    @Param({"1024", "65536", "1048576"})
    int entries;

    private CoreFixture fixture;
    private Pipeline pipeline;
    private final FrameBatch batch = new FrameBatch();

    @Setup
    public void setUp() {
        fixture = CoreFixture.knownUnicast(entries, 1);
        pipeline = new Pipeline(fixture.sw, 0);
    }

    @Benchmark
    @OperationsPerInvocation(FrameBatch.MAX_BURST)
    public void knownUnicast() {
        fixture.nextBurst(batch);
        pipeline.process(0, batch);
    }
}
