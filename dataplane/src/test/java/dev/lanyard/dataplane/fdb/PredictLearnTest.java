package dev.lanyard.dataplane.fdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The read-only prediction of learning says exactly what learning then does. */
class PredictLearnTest {
    @Test
    void predictionMatchesLearningOverRandomOperations() {
        SplittableRandom rnd = new SplittableRandom(42);
        int[] seen = new int[16];
        for (int round = 0; round < 20; round++) {
            MacTable t = new MacTable(24, 4, rnd.nextLong());
            t.agingMillis(10_000);
            long now = 1_000_000;
            for (int op = 0; op < 400; op++) {
                now += rnd.nextInt(3_000);
                int vid = rnd.nextInt(2);
                long mac = 0x0200_0000_0000L + rnd.nextInt(40);
                int port = rnd.nextInt(4);
                int limit = port == 3 ? 5 : 0;
                int kind = rnd.nextInt(20);
                if (kind == 0) {
                    t.addStatic(vid, mac, port);
                    continue;
                }
                if (kind == 1) {
                    t.age(now);
                    continue;
                }
                if (kind == 2) {
                    t.remove(vid, mac);
                    continue;
                }
                int predicted = t.predictLearn(vid, mac, port, now, limit);
                int size = t.size();
                int learned = t.learn(vid, mac, port, now, limit);
                assertEquals(LearnResult.label(learned), LearnResult.label(predicted),
                        "round " + round + " op " + op + " (table had " + size + ")");
                seen[learned]++;
            }
        }
        for (int code : new int[] {LearnResult.NEW, LearnResult.UNCHANGED, LearnResult.REFRESHED,
            LearnResult.MOVED, LearnResult.REFUSED_TABLE_FULL, LearnResult.REFUSED_PORT_LIMIT,
            LearnResult.STATIC_CONFLICT}) {
            assertEquals(true, seen[code] > 0, LearnResult.label(code) + " was exercised");
        }
    }
}
