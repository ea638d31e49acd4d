package dev.lanyard.control.cli;

import dev.lanyard.control.daemon.DaemonRunner;
import dev.lanyard.dataplane.linux.Unistd;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code lanyard daemon --lab LAB}: the lab's daemon, started by {@code lanyard up}; not for people to type. */
@Command(name = "daemon", hidden = true, mixinStandardHelpOptions = true,
        description = "Run the switches of a lab that is up and serve its API (lanyard up starts this).")
public final class DaemonCommand implements Callable<Integer> {
    @Mixin
    private LabOptions labs;

    @Option(names = "--lab", required = true, description = "The lab.")
    private String lab;

    @Option(names = "--foreground", description = "Stay in the terminal's session and log there too.")
    private boolean foreground;

    @Option(names = "--busy-poll", description = "Workers spin instead of sleeping.")
    private boolean busyPoll;

    @Option(names = "--wait-go", description = "Wait until lanyard up has built the links (its go file).")
    private boolean waitGo;

    private static final long GO_TIMEOUT_MILLIS = 300_000;

    @Override
    public Integer call() throws Exception {
        if (!foreground) {
            Unistd.setsid();
        }
        Logging.toStderr(false);
        labs.paths().ensureDir(lab);
        if (waitGo && !awaitGo()) {
            return Main.FAILED;
        }
        DaemonRunner runner = DaemonRunner.start(labs.paths(), lab, busyPoll, Main::exitAfterLabDown);
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
            } catch (Exception e) {
                System.err.println("lanyard daemon: stopping: " + e.getMessage());
            }
            done.countDown();
            Runtime.getRuntime().halt(0);
        }, "lanyard-daemon-stop"));
        done.await();
        return 0;
    }

    /** Waits for up's go file; false when up died or gave up first. */
    private boolean awaitGo() throws InterruptedException, java.io.IOException {
        java.nio.file.Path go = labs.paths().go(lab);
        ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
        long deadline = System.currentTimeMillis() + GO_TIMEOUT_MILLIS;
        while (!java.nio.file.Files.exists(go)) {
            if (parent == null || !parent.isAlive() || System.currentTimeMillis() > deadline) {
                System.err.println("lanyard daemon: lanyard up went away before the lab was built; exiting");
                return false;
            }
            Thread.sleep(2);
        }
        java.nio.file.Files.deleteIfExists(go);
        return true;
    }
}
