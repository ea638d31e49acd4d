package dev.lanyard.bench.jmh;

import dev.lanyard.dataplane.port.FrameBatch;
import dev.lanyard.dataplane.tap.CaptureSpec;
import dev.lanyard.dataplane.tap.FrameMatcher;
import dev.lanyard.dataplane.tap.TapSelection;
import dev.lanyard.dataplane.worker.Pipeline;
import dev.lanyard.tools.capture.BpfMatcher;
import dev.lanyard.tools.filter.FilterException;

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
 * The cost of the tap points on known-unicast forwarding of 64-byte frames (1K learned addresses, bursts of 32):
 * {@code none} with no capture running (the tap points are one branch per frame), {@code nomatch} with a capture
 * on every port whose tcpdump filter ({@code tcp port 9}) matches nothing, so each frame runs the BPF program once,
 * and {@code full} with a capture of every frame into a ring nobody drains, so each frame is matched, found no
 * room and counted as a drop. Reported per frame; compare {@code none} with {@link UnicastForwardingBenchmark} at
 * 1024 entries on a build without tap points.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class TapBenchmark {
    @Param({"none", "nomatch", "full"})
    String capture;

    private CoreFixture fixture;
    private Pipeline pipeline;
    private final FrameBatch batch = new FrameBatch();

    @Setup
    public void setUp() throws FilterException {
        fixture = CoreFixture.knownUnicast(1024, 1);
        pipeline = new Pipeline(fixture.sw, 0);
        switch (capture) {
            case "none":
                break;
            case "nomatch":
                fixture.sw.taps().startCapture(CaptureSpec.of(TapSelection.ALL, BpfMatcher.compile("tcp port 9")));
                break;
            case "full":
                fixture.sw.taps().startCapture(CaptureSpec.of(TapSelection.ALL, FrameMatcher.ALL)
                        .withRing(CaptureSpec.MIN_RING_BYTES, 1));
                break;
            default:
                throw new IllegalArgumentException("capture must be none, nomatch or full, not " + capture);
        }
    }

    @Benchmark
    @OperationsPerInvocation(FrameBatch.MAX_BURST)
    public void knownUnicast() {
        fixture.nextBurst(batch);
        pipeline.process(0, batch);
    }
}
