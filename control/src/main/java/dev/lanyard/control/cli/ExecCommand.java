package dev.lanyard.control.cli;

import dev.lanyard.control.topology.Host;
import dev.lanyard.control.topology.Topologies;
import dev.lanyard.control.topology.Topology;
import dev.lanyard.dataplane.linux.NetnsExec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code lanyard exec HOST -- CMD...}: runs a command in a host's network namespace, as {@code ip netns exec} does
 * for its network view (the child is spawned from a thread that has entered the namespace). Exits with the
 * command's exit code.
 */
@Command(name = "exec", mixinStandardHelpOptions = true,
        description = {"Run a command in a host's network namespace: lanyard exec ns0 -- ping 172.17.0.102.",
            "Exits with the command's own exit code. Unlike ip netns exec it does not remount /sys or bind "
                + "/etc/netns files."})
public final class ExecCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "HOST", description = "A host of the lab.")
    private String host;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "CMD", description = "The command and its arguments.")
    private List<String> command;

    @Mixin
    private LabOptions labs;

    @Option(names = "--lab", description = "The lab (default: the one that is up).")
    private String lab;

    @Override
    public Integer call() throws Exception {
        String name = labs.resolve(lab);
        if (!Files.exists(labs.paths().topology(name))) {
            throw new IllegalArgumentException("lab " + name + " is not up");
        }
        Topology t = Topologies.read(labs.paths().topology(name));
        Host h = t.host(host).orElseThrow(() -> new IllegalArgumentException("lab " + name + " has no host " + host
                + "; its hosts are " + t.hosts().stream().map(Host::name).toList()));
        String ns = h.namespace();
        Process p = NetnsExec.call(ns.isEmpty() ? null : NetnsExec.pathOf(ns),
                () -> new ProcessBuilder(command).inheritIO().start());
        return p.waitFor();
    }
}
