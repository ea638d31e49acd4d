package dev.lanyard.control.cli;

import dev.lanyard.control.lab.DaemonControl;
import dev.lanyard.control.lab.LabManager;
import dev.lanyard.control.lab.Timings;
import dev.lanyard.control.netns.NetNamespaces;
import dev.lanyard.control.reconcile.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code lanyard down [FILE|LAB]}: stops the lab's switches and removes exactly what the lab made. */
@Command(name = "down", mixinStandardHelpOptions = true,
        description = {"Stop a lab's switches and remove exactly what the lab made (namespaces, links); nothing "
            + "else is touched. Also finishes a lab whose daemon was killed.",
            "With no argument, the one lab that is up. Exit 0 when nothing of the lab is left."})
public final class DownCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "FILE|LAB", description = "A topology file or a lab name.")
    private String lab;

    @Mixin
    private LabOptions labs;

    @Option(names = "--dry-run", description = "Print what would be removed and do nothing.")
    private boolean dryRun;

    @Override
    public Integer call() throws Exception {
        Logging.toStderr(false);
        PrintStream out = System.out;
        String name = labs.resolve(lab);
        LabManager manager = new LabManager(labs.paths(), new NetNamespaces());
        DaemonControl daemons = new DaemonControl(labs.paths());
        if (dryRun) {
            Plan plan = manager.planDown(name);
            out.println(plan.isEmpty() ? "lab " + name + ": nothing to remove" : plan.render());
            return 0;
        }
        Timings.mark("down: started");
        // The daemon, a warm JVM, does it fastest; if it cannot, this process finishes the job.
        Optional<DaemonControl.DownReply> viaDaemon = daemons.downThroughDaemon(name);
        if (viaDaemon.isPresent() && viaDaemon.get().ok()) {
            out.print(viaDaemon.get().text());
            Timings.mark("down: done by the daemon");
            return 0;
        }
        viaDaemon.ifPresent(r -> System.err.println("lanyard down: the daemon could not take the lab down ("
                + r.text().strip() + "); going on from here"));
        boolean stopped = daemons.stop(name);
        Timings.mark("down: daemon stopped");
        if (stopped) {
            out.println("lab " + name + ": daemon stopped");
        }
        Plan plan = manager.down(name, a -> out.println("  " + a.render()));
        out.println(plan.isEmpty() && !stopped ? "lab " + name + " is not up; nothing to do"
                : "lab " + name + " is down");
        return 0;
    }
}
