package dev.lanyard.control.cli;

import dev.lanyard.control.lab.LabPaths;
import dev.lanyard.control.reconcile.LabRecordStore;
import dev.lanyard.control.topology.Topologies;
import dev.lanyard.control.topology.TopologyException;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The options every lab command shares: which lab, and where labs keep their state. */
public final class LabOptions {
    /** Where labs keep their state unless --state-dir says otherwise. */
    static final String DEFAULT_STATE_DIR = "/run/lanyard";

    @Option(names = "--state-dir", hidden = true, defaultValue = DEFAULT_STATE_DIR,
            description = "Where labs keep their state (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    /** The lab paths. */
    public LabPaths paths() {
        return new LabPaths(stateDir);
    }

    /**
     * The lab named by {@code arg}: a topology file's lab, a lab name, or, with no argument, the one lab that is
     * up. Fails with a message saying which labs there are.
     */
    public String resolve(String arg) throws IOException {
        if (arg != null) {
            Path p = Path.of(arg);
            if (arg.endsWith(".yaml") || arg.endsWith(".yml") || Files.isRegularFile(p)) {
                try {
                    return Topologies.read(p).lab();
                } catch (TopologyException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }
            return arg;
        }
        List<String> labs = labs();
        if (labs.isEmpty()) {
            throw new IOException("no lab is up (nothing in " + stateDir + "); name one, or run lanyard up");
        }
        if (labs.size() > 1) {
            throw new IOException("several labs are up (" + String.join(", ", labs) + "); say which");
        }
        return labs.get(0);
    }

    /** The labs that have state here. */
    public List<String> labs() throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(stateDir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(stateDir)) {
            for (Path d : ds) {
                if (Files.isDirectory(d) && (Files.exists(d.resolve("record.json"))
                        || Files.exists(d.resolve("api.sock")))) {
                    out.add(d.getFileName().toString());
                }
            }
        }
        out.sort(null);
        return out;
    }

    /** The record store. */
    public LabRecordStore store() {
        return new LabRecordStore(stateDir);
    }
}
