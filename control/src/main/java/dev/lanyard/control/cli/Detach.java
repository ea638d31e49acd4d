package dev.lanyard.control.cli;

import dev.lanyard.dataplane.linux.Errno;
import dev.lanyard.dataplane.linux.Fcntl;
import dev.lanyard.dataplane.linux.Unistd;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * How {@code lanyard up} becomes the lab's daemon when the launcher asks it to (option {@code --notify FIFO}): once
 * the lab forwards, its stdout and stderr go to the daemon's log, it leaves the terminal's session, and it tells
 * the launcher its exit status through the FIFO, so the launcher returns while this JVM keeps switching. That
 * saves starting a second JVM on the way up.
 */
final class Detach {
    private final OutputStream launcher;
    private int savedStderr = -1;

    /**
     * Opens the launcher's FIFO for writing (the launcher holds its read end already) and removes it from the file
     * system, so that nothing is left behind however either side ends; {@code fifo} null: no launcher.
     */
    Detach(Path fifo) throws IOException {
        if (fifo == null) {
            launcher = null;
            return;
        }
        try {
            launcher = Files.newOutputStream(fifo, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new IOException("cannot open the launcher's FIFO " + fifo + ": " + e.getMessage(), e);
        }
        Files.deleteIfExists(fifo);
    }

    /** Tells the launcher that the lab is up: it returns 0 while this JVM goes on. */
    private void tellUp() {
        if (launcher == null) {
            return;
        }
        try (OutputStream out = launcher) {
            out.write("0\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            System.err.println("lanyard up: cannot tell the launcher that the lab is up: " + e.getMessage());
        }
    }

    /**
     * Sends stderr, and so the log records of the daemon starting, to the lab's log; {@link #restoreStderr} puts
     * the terminal back if the start fails, so that its error is seen. No-op without a launcher.
     */
    void logTo(Path log) throws IOException {
        if (launcher == null) {
            return;
        }
        System.err.flush();
        savedStderr = Unistd.dup(2);
        if (savedStderr < 0) {
            throw Errno.exception("dup", "stderr");
        }
        redirect(log, 2);
    }

    /** Puts back the stderr that {@link #logTo} replaced. */
    void restoreStderr() {
        if (savedStderr >= 0) {
            System.err.flush();
            Unistd.dup2(savedStderr, 2);
            Unistd.close(savedStderr);
            savedStderr = -1;
        }
    }

    /**
     * Points stdout at the log too and stdin at /dev/null, and leaves the terminal's session (so that neither a
     * hang-up nor a Ctrl-C meant for the shell reaches the switches); then tells the launcher that the lab is up.
     */
    void becomeDaemon(Path log) throws IOException {
        if (launcher == null) {
            return;
        }
        System.out.flush();
        redirect(Path.of("/dev/null"), 0);
        redirect(log, 1);
        if (savedStderr >= 0) {
            Unistd.close(savedStderr);
            savedStderr = -1;
        }
        Unistd.setsid();
        tellUp();
    }

    private static void redirect(Path file, int target) throws IOException {
        int flags = target == 0 ? Fcntl.O_RDONLY : Fcntl.O_WRONLY | Fcntl.O_CREAT | Fcntl.O_APPEND;
        int fd = Fcntl.open(file.toString(), flags | Fcntl.O_CLOEXEC, 0644);
        if (fd < 0) {
            throw Errno.exception("open", file.toString());
        }
        try {
            if (Unistd.dup2(fd, target) < 0) {
                throw Errno.exception("dup2", file + " to descriptor " + target);
            }
        } finally {
            Unistd.close(fd);
        }
    }
}
