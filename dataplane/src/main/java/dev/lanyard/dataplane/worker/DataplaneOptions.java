package dev.lanyard.dataplane.worker;

/**
 * How the worker threads run.
 *
 * @param busyPoll     spin on epoll instead of sleeping in it: lower latency, a whole core per worker
 * @param threadPrefix name prefix of the worker threads
 * @param spinMicros   without busyPoll, how long a worker keeps polling without sleeping after its last frame
 *                     (0: it sleeps at once); see {@link AdaptivePoll}
 */
public record DataplaneOptions(boolean busyPoll, String threadPrefix, int spinMicros) {
    /** The spin window of workers unless told otherwise. */
    public static final int DEFAULT_SPIN_MICROS = Integer.getInteger("lanyard.spinMicros", 0);

    /** Checks the spin window. */
    public DataplaneOptions {
        if (spinMicros < 0 || spinMicros > 1_000_000) {
            throw new IllegalArgumentException("spin window must be 0 to 1000000 microseconds, not " + spinMicros);
        }
    }

    /** Options with the default spin window. */
    public DataplaneOptions(boolean busyPoll, String threadPrefix) {
        this(busyPoll, threadPrefix, DEFAULT_SPIN_MICROS);
    }

    /** Sleeping workers named after the switch. */
    public static DataplaneOptions defaults(String switchName) {
        return new DataplaneOptions(false, "lanyard-" + switchName);
    }

    /** A copy with busy-polling on or off. */
    public DataplaneOptions withBusyPoll(boolean on) {
        return new DataplaneOptions(on, threadPrefix, spinMicros);
    }

    /** A copy with another spin window. */
    public DataplaneOptions withSpinMicros(int micros) {
        return new DataplaneOptions(busyPoll, threadPrefix, micros);
    }
}
