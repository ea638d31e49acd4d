package dev.lanyard.bench.e2e.probe;

import dev.lanyard.bench.e2e.lab.Cleanup;
import dev.lanyard.bench.e2e.lab.Commands;
import dev.lanyard.bench.e2e.lab.Proc;
import dev.lanyard.bench.e2e.system.TestPath;

import java.io.IOException;
import java.time.Duration;

/** TCP throughput with iperf3: a server in the receiver's namespace, clients from the sender's, all pinned. */
public final class TcpProbe {
    private static final int PORT = 5201;

    private final Proc server;
    private final TestPath path;
    private final int cpu;

    private TcpProbe(Proc server, TestPath path, int cpu) {
        this.server = server;
        this.path = path;
        this.cpu = cpu;
    }

    /** Starts an iperf3 server in the path's receiver namespace, pinned to {@code cpu}. */
    public static TcpProbe start(TestPath path, int cpu, Cleanup cleanup) throws IOException, InterruptedException {
        Proc server = Proc.start("iperf3 server", Commands.inNamespace(path.dstNs(), cpu, "iperf3", "-s", "-p",
                Integer.toString(PORT), "--forceflush"), cleanup);
        if (!server.awaitLine("Server listening", Duration.ofSeconds(10))) {
            server.close(Duration.ofSeconds(2));
            throw new IOException("iperf3 server did not start: " + server.output().strip());
        }
        return new TcpProbe(server, path, cpu);
    }

    /**
     * One client run of {@code seconds} (plus {@code omitSeconds} of ramp-up left out) with {@code streams}
     * parallel streams. A run that could not connect or gave no result comes back with its error.
     */
    public Iperf3Result run(int streams, int seconds, int omitSeconds) throws IOException, InterruptedException {
        if (!server.alive()) {
            throw new IOException("iperf3 server died: " + server.output().strip());
        }
        Commands.Result r = Commands.run(seconds + omitSeconds + 20, Commands.inNamespace(path.srcNs(), cpu,
                "iperf3", "-c", path.dstIp(), "-p", Integer.toString(PORT), "-t", Integer.toString(seconds),
                "-O", Integer.toString(omitSeconds), "-P", Integer.toString(streams), "-J",
                "--connect-timeout", "3000"));
        if (r.timedOut()) {
            return new Iperf3Result(Double.NaN, -1, "iperf3 client did not finish in " + (seconds + omitSeconds + 20)
                    + " s");
        }
        try {
            return Iperf3Result.parse(r.out());
        } catch (IllegalArgumentException e) {
            return new Iperf3Result(Double.NaN, -1, e.getMessage() + (r.err().isBlank() ? "" : "; " + r.err().strip()));
        }
    }

    /** Stops the server. */
    public void close() throws InterruptedException {
        server.close(Duration.ofSeconds(3));
    }
}
