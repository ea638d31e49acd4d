package dev.lanyard.control.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@code lanyard} command line. Exit codes: 0 done, 1 failed, 2 bad usage; every listing takes {@code --json}.
 */
@Command(name = "lanyard", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "A userspace Ethernet switch for Linux labs: build labs, switch their frames, see every frame.")
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

    /**
     * The subcommands, in the order that help lists them. Only the one a command line names is built (picocli's
     * model of a command costs milliseconds of reflection, and its classes cannot be in a CDS archive), so that
     * {@code lanyard up} starts as fast as it can; help and usage errors get them all.
     */
    private static final Map<String, Supplier<Object>> COMMANDS = commands();

    private static Map<String, Supplier<Object>> commands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("up", UpCommand::new);
        m.put("down", DownCommand::new);
        m.put("status", StatusCommand::new);
        m.put("exec", ExecCommand::new);
        m.put("ports", PortsCommand::new);
        m.put("capture", CaptureCommand::new);
        m.put("trace", TraceCommand::new);
        m.put("latency", LatencyCommand::new);
        m.put("fdb", FdbCommand::new);
        m.put("port", PortCommand::new);
        m.put("switch", SwitchCommand::new);
        m.put("daemon", DaemonCommand::new);
        m.put("warmup", WarmupCommand::new);
        m.put("help", CommandLine.HelpCommand::new);
        return m;
    }

    /** Runs the command line and returns its exit code. */
    public static int run(String... args) {
        UpCommand launched = UpCommand.launcherForm(args);
        if (launched != null) {
            // The launcher's own "up --notify FIFO [FILE]" skips picocli's model of the command line (70 ms of
            // reflection in a cold JVM, a tenth of bringing up a 100-host star); anything else is parsed below.
            try {
                return launched.call();
            } catch (Exception e) {
                return failed("up", e, new PrintWriter(System.err));
            }
        }
        CommandLine cl = new CommandLine(new Main());
        String named = args.length > 0 ? args[0] : "";
        if (COMMANDS.containsKey(named) && !named.equals("help")) {
            cl.addSubcommand(named, COMMANDS.get(named).get());
        } else {
            COMMANDS.forEach((name, command) -> cl.addSubcommand(name, command.get()));
        }
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> failed(cmd.getCommandName(), e, cmd.getErr()));
        return cl.execute(args);
    }

    /** Says why a command failed and returns its exit code: 2 for what the command line got wrong, else 1. */
    private static int failed(String command, Exception e, PrintWriter err) {
        err.println("lanyard " + command + ": " + message(e));
        err.flush();
        return e instanceof UsageException ? USAGE : FAILED;
    }

    /** What a daemon does once its lab was taken down through the API: exit, which runs its shutdown hook. */
    static void exitAfterLabDown() {
        System.exit(0);
    }

    private static String message(Throwable e) {
        if (e instanceof java.nio.file.NoSuchFileException f) {
            return f.getFile() + ": no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException f) {
            return f.getFile() + ": permission denied";
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
