package dev.lanyard.bench.jmh;

import dev.lanyard.dataplane.fdb.MacTable;

import java.util.SplittableRandom;
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

/** The MAC table alone: lookups of random learned addresses (hits) and of unknown ones (misses). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class MacTableBenchmark {
    private static final int BURST = 64;

    @Param({"1024", "65536", "1048576"})
    int entries;

    private MacTable table;
    private long[] keys;
    private int cursor;

    @Setup
    public void setUp() {
        table = new MacTable(entries, 16, 3);
        for (int i = 0; i < entries; i++) {
            table.learn(0, 0x0200_0000_0000L + i, i & 15, 0, 0);
        }
        SplittableRandom rnd = new SplittableRandom(1);
        keys = new long[1 << 16];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = 0x0200_0000_0000L + rnd.nextInt(entries);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BURST)
    public long lookupHit() {
        long acc = 0;
        int c = cursor;
        for (int i = 0; i < BURST; i++) {
            acc += table.lookup(0, keys[c]);
            c = (c + 1) & (keys.length - 1);
        }
        cursor = c;
        return acc;
    }

    @Benchmark
    @OperationsPerInvocation(BURST)
    public long lookupMiss() {
        long acc = 0;
        int c = cursor;
        for (int i = 0; i < BURST; i++) {
            acc += table.lookup(1, keys[c]);
            c = (c + 1) & (keys.length - 1);
        }
        cursor = c;
        return acc;
    }
}
