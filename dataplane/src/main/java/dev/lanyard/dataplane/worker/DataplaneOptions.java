package dev.lanyard.dataplane.worker;

/**
 * How the worker threads run.
 *
 * @param busyPoll  spin on epoll instead of sleeping in it: lower latency, a whole core per worker
 * @param threadPrefix  name prefix of the worker threads
 */
public record DataplaneOptions(boolean busyPoll, String threadPrefix) {
    /** Sleeping workers named after the switch. */
    public static DataplaneOptions defaults(String switchName) {
        return new DataplaneOptions(false, "lanyard-" + switchName);
    }

    /** A copy with busy-polling on or off. */
    public DataplaneOptions withBusyPoll(boolean on) {
        return new DataplaneOptions(on, threadPrefix);
    }
}
