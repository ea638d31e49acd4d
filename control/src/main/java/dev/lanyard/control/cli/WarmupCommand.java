package dev.lanyard.control.cli;

import dev.lanyard.control.api.ApiClient;
import dev.lanyard.control.api.ApiServer;
import dev.lanyard.control.daemon.Api;
import dev.lanyard.control.daemon.LabDaemon;
import dev.lanyard.control.reconcile.LabRecord;
import dev.lanyard.control.reconcile.ObservedState;
import dev.lanyard.control.reconcile.Planner;
import dev.lanyard.control.topology.Topologies;
import dev.lanyard.control.topology.Topology;
import dev.lanyard.dataplane.Switch;
import dev.lanyard.dataplane.SwitchConfig;
import dev.lanyard.dataplane.forward.PortSettings;
import dev.lanyard.dataplane.port.MemoryPort;
import dev.lanyard.dataplane.worker.Dataplane;
import dev.lanyard.dataplane.worker.DataplaneOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;

/**
 * {@code lanyard warmup}: loads the classes that {@code up}, the daemon and the API use, touching nothing on the
 * system, so that the launcher can record them in a class-data-sharing archive that later JVMs start from.
 */
@Command(name = "warmup", hidden = true, description = "Load Lanyard's classes for a CDS archive; changes nothing.")
public final class WarmupCommand implements Callable<Integer> {
    @Option(names = "--jna-dir", paramLabel = "DIR", description = "Also copy JNA's native library for this "
            + "platform out of the jar into DIR, for -Djna.boot.library.path (JNA would otherwise extract it into a "
            + "temporary file at every start).")
    private Path jnaDir;

    @Override
    public Integer call() throws Exception {
        if (jnaDir != null) {
            extractJna(jnaDir);
        }
        Topology t = Topologies.defaultLab();
        Planner.up(t, ObservedState.empty(), LabRecord.empty(t.lab())).render();
        Switch sw = new Switch(SwitchConfig.defaults("warmup"));
        Path dir = Files.createTempDirectory("lanyard-warmup");
        Path socket = dir.resolve("api.sock");
        LabDaemon daemon = LabDaemon.start(Topologies.parse("warmup", "lab: warmup\nhosts: {}\n"),
                DataplaneOptions.defaults("warmup"));
        try (Dataplane dp = new Dataplane(sw, DataplaneOptions.defaults("warmup"))) {
            dp.attach(new MemoryPort("m0", 1), PortSettings.DEFAULT);
            ApiServer server = ApiServer.start(socket, null, new Api(daemon).router());
            try {
                new ApiClient(socket).call("GET", "/v1/health", null);
                new ApiClient(socket).exchange("GET", "/metrics", null, java.io.OutputStream.nullOutputStream());
            } finally {
                server.close();
            }
        } finally {
            daemon.close();
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        }
        return 0;
    }

    /** Copies JNA's native library out of the jar into {@code dir}, replacing it atomically. */
    static void extractJna(Path dir) throws IOException {
        String name = "libjnidispatch.so";
        String resource = "/com/sun/jna/" + com.sun.jna.Platform.RESOURCE_PREFIX + "/" + name;
        try (InputStream in = WarmupCommand.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("the jar has no " + resource);
            }
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, name, ".tmp");
            try {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
