package dev.lanyard.bench.e2e.probe;

import dev.lanyard.bench.e2e.lab.Commands;
import dev.lanyard.bench.e2e.system.TestPath;

import java.io.IOException;

/** iputils ping across a path, for reference next to the UDP ping-pong: {@code ping -c N -i 0.01 -q}. */
public final class PingProbe {
    private PingProbe() {
    }

    /** Pings the path's receiver {@code count} times from its sender, pinned to {@code cpu}. */
    public static PingSummary run(TestPath path, int count, int cpu) throws IOException {
        Commands.Result r = Commands.run(count * 0.01 + 15, Commands.inNamespace(path.srcNs(), cpu, "ping", "-q",
                "-c", Integer.toString(count), "-i", "0.01", "-W", "1", path.dstIp()));
        if (r.timedOut()) {
            throw new IOException(r.describeFailure());
        }
        return PingSummary.parse(r.out());
    }

    /**
     * Pings {@code ip} from namespace {@code ns} until one reply comes back (at most {@code seconds}): proves the
     * path works and lets the switch learn the sender.
     */
    public static boolean reach(String ns, String ip, int seconds, int cpu) throws IOException {
        Commands.Result r = Commands.run(seconds + 5, Commands.inNamespace(ns, cpu, "ping", "-q", "-c", "1",
                "-i", "0.2", "-w", Integer.toString(seconds), ip));
        return r.ok();
    }
}
