package dev.lanyard.control.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code lanyard} command line. Exit codes: 0 done, 1 failed, 2 bad usage; every listing takes {@code --json}.
 */
@Command(name = "lanyard", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "A userspace Ethernet switch for Linux labs: build labs, switch their frames, see every frame.",
        subcommands = {UpCommand.class, DownCommand.class, StatusCommand.class, ExecCommand.class,
            PortsCommand.class, FdbCommand.class, PortCommand.class, SwitchCommand.class, DaemonCommand.class,
            WarmupCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code of a command that failed. */
    public static final int FAILED = 1;
    /** Exit code of a command given bad arguments. */
    public static final int USAGE = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code. */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("lanyard " + cmd.getCommandName() + ": " + message(e));
            return FAILED;
        });
        return cl.execute(args);
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
