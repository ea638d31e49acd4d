package dev.lanyard.dataplane;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanyard.dataplane.linux.Time;
import org.junit.jupiter.api.Test;

/** The wall clock the switch stamps frames with is the kernel's CLOCK_REALTIME. */
class ClockTest {
    @Test
    void epochNanosFollowsClockRealtime() {
        for (int k = 0; k < 3; k++) {
            long before = Time.nanos(Time.CLOCK_REALTIME);
            long ours = Clock.epochNanos();
            long after = Time.nanos(Time.CLOCK_REALTIME);
            assertTrue(ours >= before - 50_000 && ours <= after + 50_000,
                    "epochNanos " + ours + " outside [" + before + ", " + after + "] by more than 50 us");
        }
    }

    @Test
    void calibrationKeepsItThere() {
        Clock.calibrate();
        long wall = Time.nanos(Time.CLOCK_REALTIME);
        assertTrue(Math.abs(Clock.epochNanos() - wall) < 1_000_000);
        assertTrue(Math.abs(wall / 1_000_000 - System.currentTimeMillis()) < 1_000);
    }
}
