package dev.lanyard.bench.jmh;

import dev.lanyard.dataplane.Switch;
import dev.lanyard.dataplane.fdb.Filter;
import dev.lanyard.dataplane.frame.MacAddress;
import dev.lanyard.dataplane.port.FrameBatch;
import dev.lanyard.dataplane.worker.Pipeline;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * A new source MAC in every frame (a MAC-flooding host). {@code churn}: the table has room, so every frame
 * inserts an entry (the table is emptied before each iteration); {@code full}: the table is full of other
 * addresses, so every frame is refused learning and flooded. Reported per frame.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class LearningChurnBenchmark {
    private static final int CAPACITY = 4 * 1024 * 1024;

    @Param({"churn", "full"})
    String table;

    private Switch sw;
    private Pipeline pipeline;
    private final FrameBatch batch = new FrameBatch();
    private final ByteBuffer frames = ByteBuffer.allocateDirect(FrameBatch.MAX_BURST * CoreFixture.FRAME);
    private long nextSource;

    @Setup
    public void setUp() {
        sw = CoreFixture.newSwitch(4, table.equals("full") ? 65_536 : CAPACITY, 1);
        pipeline = new Pipeline(sw, 0);
        for (int f = 0; f < FrameBatch.MAX_BURST; f++) {
            MacAddress.write(frames, f * CoreFixture.FRAME, CoreFixture.RECEIVER_BASE);
            frames.putShort(f * CoreFixture.FRAME + 12, (short) 0x88B5);
        }
        if (table.equals("full")) {
            for (int i = 0; sw.fdb().size() < sw.fdb().capacity(); i++) {
                sw.fdb().learn(0, 0x0E00_0000_0000L + i, 1 + i % 3, 0, 0);
            }
        }
    }

    @Setup(Level.Iteration)
    public void emptyTable() {
        if (table.equals("churn")) {
            sw.fdb().flush(Filter.ANY);
        }
    }

    @Benchmark
    @OperationsPerInvocation(FrameBatch.MAX_BURST)
    public void newSourceEveryFrame() {
        batch.clear();
        for (int f = 0; f < FrameBatch.MAX_BURST; f++) {
            int at = f * CoreFixture.FRAME;
            MacAddress.write(frames, at + 6, CoreFixture.SENDER_BASE + (nextSource++ & 0xFF_FFFF_FFFFL));
            batch.add(frames, at, CoreFixture.FRAME, 0L);
        }
        pipeline.process(0, batch);
    }
}
