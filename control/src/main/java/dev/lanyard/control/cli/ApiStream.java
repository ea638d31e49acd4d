package dev.lanyard.control.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.control.api.ApiClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A streamed answer of the daemon (a capture, live traces) as a command reads it. It ends at the daemon's count, on
 * Ctrl-C, or when whoever reads the command's output goes away ({@code | head}); in each case the command asks the
 * daemon to finish by shutting its side of the connection down, so the totals still come in the trailers. Closing
 * it tells a Ctrl-C in progress that the command has said what it had to say.
 */
final class ApiStream implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicReference<SocketChannel> connection = new AtomicReference<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final String command;
    private final Thread hook;
    private String error = "";
    private volatile boolean completed;

    /** A stream for the command of that name ("capture", "trace"), which its error messages start with. */
    ApiStream(String command) {
        this.command = command;
        this.hook = new Thread(this::stopAndWait, "lanyard-" + command + "-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Where the body of an accepted stream goes, opened only once the daemon has said yes. */
    @FunctionalInterface
    interface Destination {
        OutputStream open() throws IOException;
    }

    /**
     * Runs the call: a 200's body goes to {@code out}, anything else is reported on stderr as "lanyard COMMAND:
     * message". Returns the status.
     */
    int run(ApiClient client, String path, Destination out, Map<String, String> trailers) throws IOException {
        ByteArrayOutputStream refusal = new ByteArrayOutputStream();
        OutputStream[] body = new OutputStream[1];
        int status;
        try {
            status = client.exchange("GET", path, null, code -> {
                if (code != 200) {
                    return refusal;
                }
                try {
                    body[0] = out.open();
                    return local(body[0]);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, trailers, connection::set);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (IOException e) {
            if (body[0] != null) {
                // The stream had started: what came so far has been written out.
                throw new IOException("the lab's daemon went away during the " + command + " (was the lab taken "
                        + "down?): " + e.getMessage(), e);
            }
            throw e;
        }
        if (body[0] != null) {
            body[0].flush();
        }
        if (status != 200) {
            String message = refusal.toString(StandardCharsets.UTF_8);
            try {
                message = JSON.readTree(message).path("error").asText(message);
            } catch (IOException notJson) {
                // Keep the text as it came.
            }
            System.err.println("lanyard " + command + ": " + message);
            error = message;
        }
        return status;
    }

    /** The daemon's message when it refused the stream, else "". */
    String error() {
        return error;
    }

    /**
     * {@code out} with its failures unchecked, so that they pass through the client's reading as themselves and are
     * not taken for the daemon's connection failing.
     */
    private static OutputStream local(OutputStream out) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                try {
                    out.write(b, off, len);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void flush() {
                try {
                    out.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    /** The exit code of a refused stream: 2 for what the command line got wrong (400, 404), else 1. */
    static int exitCode(int status) {
        return status == 400 || status == 404 ? Main.USAGE : Main.FAILED;
    }

    /** Asks the daemon to end the stream (it sees our side shut) without waiting. */
    void end() {
        SocketChannel ch = connection.get();
        if (ch != null && ch.isOpen()) {
            try {
                ch.shutdownOutput();
            } catch (IOException gone) {
                // The connection is already closed; the stream is over either way.
            }
        }
    }

    /**
     * Ctrl-C: ends the stream and waits a little for the command to print its totals. A stream that then completed
     * exits 0, as tcpdump does on Ctrl-C: ending it that way is how it is used, not a failure.
     */
    private void stopAndWait() {
        end();
        try {
            finished.await(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (completed) {
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(0);
        }
    }

    /** The command got the whole stream and said its totals: exit 0 also when that was on Ctrl-C. */
    void completed() {
        completed = true;
    }

    /**
     * {@code out} as a stream that ends this one when writing to it fails: a {@link PrintStream} such as stdout does
     * not throw when its reader has gone, it only remembers the error, so each write checks.
     */
    OutputStream endingOnError(PrintStream out) {
        return new OutputStream() {
            private boolean gone;

            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                if (gone) {
                    return;
                }
                out.write(b, off, len);
                check();
            }

            @Override
            public void flush() {
                if (!gone) {
                    check();
                }
            }

            private void check() {
                if (out.checkError()) {
                    gone = true;
                    end();
                }
            }
        };
    }

    /** Whether the reader of {@code out} has gone; if so, the stream is asked to end. */
    boolean readerGone(PrintStream out) {
        if (out.checkError()) {
            end();
            return true;
        }
        return false;
    }

    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException exiting) {
            // Ctrl-C: the hook is running and waits for the countdown above.
        }
    }
}
