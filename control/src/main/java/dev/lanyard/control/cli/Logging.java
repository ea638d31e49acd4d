package dev.lanyard.control.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.logging.ConsoleHandler;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** One-line log records on stderr (journal-friendly) and, for daemons, in a file. */
public final class Logging {
    private Logging() {
    }

    /** Logs at INFO (or FINE with verbose) to stderr, one line per record. */
    public static void toStderr(boolean verbose) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        Handler h = new ConsoleHandler();
        h.setFormatter(new OneLine());
        h.setLevel(verbose ? Level.FINE : Level.INFO);
        root.addHandler(h);
        root.setLevel(verbose ? Level.FINE : Level.INFO);
        Logger.getLogger("io.netty").setLevel(Level.WARNING);
    }

    /** Adds a file of log records (appended to, rotated at 10 MB, 3 files kept). */
    public static void toFile(Path file) throws IOException {
        Handler h = new FileHandler(file.toString(), 10_000_000, 3, true);
        h.setFormatter(new OneLine());
        Logger.getLogger("").addHandler(h);
    }

    /** "2026-11-22T08:30:01.123 INFO Dataplane: message". */
    static final class OneLine extends Formatter {
        @Override
        public String format(LogRecord r) {
            String logger = r.getLoggerName() == null ? "" : r.getLoggerName();
            String shortName = logger.substring(logger.lastIndexOf('.') + 1);
            StringBuilder sb = new StringBuilder(128);
            sb.append(r.getInstant().toString(), 0, Math.min(23, r.getInstant().toString().length()))
                    .append(' ').append(r.getLevel().getName()).append(' ').append(shortName).append(": ")
                    .append(formatMessage(r)).append('\n');
            if (r.getThrown() != null) {
                sb.append("  ").append(r.getThrown()).append('\n');
                for (StackTraceElement e : r.getThrown().getStackTrace()) {
                    sb.append("    at ").append(e).append('\n');
                }
            }
            return sb.toString();
        }
    }
}
