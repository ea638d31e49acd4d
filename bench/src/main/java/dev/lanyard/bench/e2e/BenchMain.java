package dev.lanyard.bench.e2e;

import dev.lanyard.bench.e2e.report.JsonReport;
import dev.lanyard.bench.e2e.report.Reports;
import dev.lanyard.bench.e2e.report.RunReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code lanyard bench}: the side-by-side benchmark of Lanyard, the kernel bridge, Open vSwitch's userspace
 * datapath and a bare veth pair on one lab (LABS.md lab 3), with a Markdown table, a JSON file and an SVG chart
 * per run.
 */
@Command(name = "lanyard bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark Lanyard against the kernel bridge, OVS userspace and a bare veth pair on one lab:",
            "latency (UDP ping-pong, ping), TCP (iperf3), 64/1514-byte frame rate and flooding (trafgen), CPU per "
                + "frame.", "Hosts run on CPU 0, the switch on CPU 1. Needs root. Default: about 10 minutes."})
public final class BenchMain implements Callable<Integer> {
    @Option(names = "--systems", split = ",", paramLabel = "SYSTEM",
            description = "Systems to compare, in order: lanyard, bridge, ovs, direct (default: all four).")
    private List<String> systems = new ArrayList<>(BenchConfig.SYSTEMS);

    @Option(names = "--rounds", description = "Rounds; each runs every system once (default: 2, --quick: 1).")
    private Integer rounds;

    @Option(names = "--duration", paramLabel = "SECONDS",
            description = "Seconds per TCP and frame-rate measurement (default: 8, --quick: 2).")
    private Double duration;

    @Option(names = "--warmup", paramLabel = "SECONDS",
            description = "Seconds of traffic through each system before measuring it (default: 3, --quick: 1).")
    private Double warmup;

    @Option(names = "--tests", split = ",", paramLabel = "TEST",
            description = "Tests: latency, ping, tcp, tcp-txoff, rate64, rate1514, flood (default: all).")
    private List<String> tests = new ArrayList<>(dev.lanyard.bench.e2e.report.Metrics.TESTS);

    @Option(names = "--samples", description = "Recorded UDP round trips (default: 5000, --quick: 2000).")
    private Integer samples;

    @Option(names = "--pings", description = "Pings for the reference figure (default: 200, --quick: 100).")
    private Integer pings;

    @Option(names = "--quick", description = "A run of about 2 minutes: 1 round, 2-second measurements.")
    private boolean quick;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where results.json, results.md and chart.svg go (default: bench/results/TIMESTAMP).")
    private Path out;

    @Option(names = "--lanyard-args", paramLabel = "\"OPTIONS\"",
            description = "Options for `lanyard switch`, e.g. \"--busy-poll --qdisc-bypass\".")
    private String lanyardArgs = "";

    @Option(names = "--lanyard-jar", paramLabel = "JAR",
            description = "The Lanyard jar (default: control/target/lanyard.jar of this checkout).")
    private Path lanyardJar;

    @Option(names = "--port-rps", paramLabel = "all|bridge", description = "Steer the switch ports' receive work "
            + "to the switch core for every switched system (all, the default) or for the kernel bridge only.")
    private String portRps = "all";

    @Option(names = "--publish", description = "Also write bench/RESULTS.md and bench/results-latest.svg.")
    private boolean publish;

    @Option(names = "--render", paramLabel = "RESULTS_JSON", description = "Measure nothing: render results.md "
            + "and chart.svg again from a run's results.json, next to it (with --publish, RESULTS.md too).")
    private Path render;

    private final List<String> argv;

    BenchMain(List<String> argv) {
        this.argv = List.copyOf(argv);
    }

    /** Runs the benchmark; exits 0 when the run completed, 1 when it failed, 2 on bad options. */
    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new BenchMain(Arrays.asList(args)));
        // A run that cannot start (an --out that is a file, a results.json that is not there) says what and
        // where in one line rather than with a stack trace.
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            String what = e instanceof java.nio.file.FileAlreadyExistsException f
                    ? f.getFile() + " exists and is not a directory"
                    : e instanceof java.nio.file.NoSuchFileException f ? f.getFile() + ": no such file"
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
            line.getErr().println("lanyard bench: " + what);
            return 1;
        });
        System.exit(cl.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path repo = repositoryRoot();
        if (render != null) {
            RunReport report = JsonReport.parse(Files.readString(render));
            Path dir = render.toAbsolutePath().getParent();
            Reports.render(report, dir);
            System.err.println("lanyard bench: rendered " + dir.resolve("results.md") + " and chart.svg from "
                    + render);
            if (publish) {
                Reports.publish(report, repo.resolve("bench"));
                System.err.println("lanyard bench: published " + repo.resolve("bench").resolve(Reports.PUBLISHED));
            }
            return 0;
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        BenchConfig cfg = new BenchConfig(systems, rounds != null ? rounds : quick ? 1 : 2,
                duration != null ? duration : quick ? 2 : 8, warmup != null ? warmup : quick ? 1 : 3, tests,
                samples != null ? samples : quick ? 2000 : 5000, pings != null ? pings : quick ? 100 : 200, portRps,
                lanyardArgs.isBlank() ? List.of() : List.of(lanyardArgs.strip().split("\\s+")),
                lanyardJar != null ? lanyardJar : repo.resolve("control/target/lanyard.jar"),
                out != null ? out : repo.resolve("bench/results").resolve(stamp),
                publish ? repo.resolve("bench") : null, commandLine(argv));
        PrintStream err = System.err;
        BenchRun run = new BenchRun(cfg, err);
        return run.run().complete() ? 0 : 1;
    }

    /** "./lanyard bench ARGS", quoted as a shell would need them. */
    static String commandLine(List<String> args) {
        StringBuilder b = new StringBuilder("./lanyard bench");
        for (String a : args) {
            b.append(' ');
            if (a.matches("[A-Za-z0-9_./=,:@+-]+")) {
                b.append(a);
            } else {
                b.append('\'').append(a.replace("'", "'\\''")).append('\'');
            }
        }
        return b.toString();
    }

    /** The checkout this harness was built in: three levels above bench/target/(classes|benchmarks.jar). */
    static Path repositoryRoot() {
        try {
            Path here = Path.of(BenchMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = here.getParent().getParent().getParent();
            if (Files.isRegularFile(root.resolve("pom.xml")) && Files.isDirectory(root.resolve("bench"))) {
                return root;
            }
        } catch (URISyntaxException | NullPointerException | SecurityException e) {
            // Fall through to the working directory.
            return Path.of("").toAbsolutePath();
        }
        return Path.of("").toAbsolutePath();
    }
}
