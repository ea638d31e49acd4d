package dev.lanyard.bench.e2e.system;

import dev.lanyard.bench.e2e.lab.Cleanup;
import dev.lanyard.bench.e2e.lab.Lab;

import java.nio.file.Path;
import java.util.List;

/**
 * What a system needs from the run to attach itself.
 *
 * @param lab         the lab
 * @param cleanup     the run's cleanup, for everything the system starts or makes
 * @param switchCpu   the CPU the switch is pinned to
 * @param workDir     a private temporary directory of the run
 * @param lanyardJar  the Lanyard command-line jar (control/target/lanyard.jar)
 * @param lanyardArgs extra options for {@code lanyard switch}
 */
public record SystemContext(Lab lab, Cleanup cleanup, int switchCpu, Path workDir, Path lanyardJar,
                            List<String> lanyardArgs) {
    /** Copies the option list. */
    public SystemContext {
        lanyardArgs = List.copyOf(lanyardArgs);
    }

    /** The path between h1 and h2 through the switch ports, flooding to h2 and h3. */
    public TestPath switchedPath() {
        return new TestPath(lab.hostNs(1), Lab.HOST_DEV, Lab.hostMac(1), Lab.hostIp(1), lab.hostNs(2), Lab.HOST_DEV,
                Lab.hostIp(2), Lab.hostMac(2), lab.switchNs(),
                List.of(new TestPath.Receiver(lab.hostNs(2), Lab.HOST_DEV, Lab.switchPort(2)),
                        new TestPath.Receiver(lab.hostNs(3), Lab.HOST_DEV, Lab.switchPort(3))));
    }
}
