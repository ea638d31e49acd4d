package dev.lanyard.control.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Talks HTTP/1.1 to a lab daemon over its Unix socket: one request per connection ("Connection: close"), JSON in,
 * JSON out, and streamed (chunked) bodies copied to a stream as they come.
 */
public final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path socket;

    /** A client of the daemon listening on {@code socket}. */
    public ApiClient(Path socket) {
        this.socket = socket;
    }

    /** An answer: the status and the JSON body. */
    public record Reply(int status, JsonNode body) {
        /** True for 2xx. */
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The error message of a refused request. */
        public String error() {
            JsonNode e = body.get("error");
            return e == null ? "HTTP " + status : e.asText();
        }
    }

    /** Sends a request and reads a JSON answer. */
    public Reply call(String method, String path, Object body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = exchange(method, path, body, out);
        byte[] b = out.toByteArray();
        JsonNode n = b.length == 0 ? JSON.createObjectNode() : parse(b);
        return new Reply(status, n);
    }

    /** Sends a request and fails with the daemon's message unless it succeeds. */
    public JsonNode require(String method, String path, Object body) throws IOException {
        Reply r = call(method, path, body);
        if (!r.ok()) {
            throw new IOException(r.error());
        }
        return r.body();
    }

    /** Sends a request and copies the answer's body to {@code sink} as it arrives; returns the status. */
    public int exchange(String method, String path, Object body, OutputStream sink) throws IOException {
        return exchange(method, path, body, sink, new HashMap<>());
    }

    /**
     * As {@link #exchange(String, String, Object, OutputStream)}, and puts the trailer fields of a chunked answer
     * into {@code trailers}, names in lower case.
     */
    public int exchange(String method, String path, Object body, OutputStream sink, Map<String, String> trailers)
            throws IOException {
        return exchange(method, path, body, sink, trailers, ch -> { });
    }

    /**
     * As above, and hands the connection to {@code connected} once the request is sent: a streaming command stops
     * its stream gracefully (the daemon still sends the trailers) by shutting the connection's output down.
     */
    public int exchange(String method, String path, Object body, OutputStream sink, Map<String, String> trailers,
                        Consumer<SocketChannel> connected) throws IOException {
        return exchange(method, path, body, status -> sink, trailers, connected);
    }

    /**
     * As above, with the body's destination chosen once the status is known: a streaming command writes a 200's
     * body where it goes and keeps an error's JSON to report it.
     */
    public int exchange(String method, String path, Object body, IntFunction<OutputStream> sinkFor,
                        Map<String, String> trailers, Consumer<SocketChannel> connected) throws IOException {
        byte[] payload = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            try {
                ch.connect(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                throw new IOException("cannot reach the lab daemon at " + socket + ": " + e.getMessage(), e);
            }
            OutputStream os = Channels.newOutputStream(ch);
            String head = method + " " + path + " HTTP/1.1\r\nHost: lanyard\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + payload.length + "\r\n\r\n";
            os.write(head.getBytes(StandardCharsets.US_ASCII));
            os.write(payload);
            os.flush();
            connected.accept(ch);
            InputStream in = Channels.newInputStream(ch);
            String status = line(in);
            String[] parts = status.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("the daemon answered with something that is not HTTP: " + status);
            }
            int code = Integer.parseInt(parts[1]);
            boolean chunked = false;
            long length = -1;
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                String lower = h.toLowerCase(Locale.ROOT);
                if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(h.substring(h.indexOf(':') + 1).trim());
                }
            }
            OutputStream sink = sinkFor.apply(code);
            if (chunked) {
                copyChunked(in, sink, trailers);
            } else if (length >= 0) {
                copy(in, sink, length);
            } else {
                in.transferTo(sink);
            }
            return code;
        }
    }

    private static void copyChunked(InputStream in, OutputStream sink, Map<String, String> trailers)
            throws IOException {
        while (true) {
            String size = line(in);
            int semi = size.indexOf(';');
            long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
            if (n == 0) {
                for (String t = lineOrEmpty(in); !t.isEmpty(); t = lineOrEmpty(in)) {
                    int colon = t.indexOf(':');
                    if (colon > 0) {
                        trailers.put(t.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                                t.substring(colon + 1).trim());
                    }
                }
                return;
            }
            copy(in, sink, n);
            sink.flush();
            line(in);
        }
    }

    private static void copy(InputStream in, OutputStream sink, long n) throws IOException {
        byte[] buf = new byte[8192];
        long left = n;
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                throw new IOException("the daemon closed the connection " + left + " bytes early");
            }
            sink.write(buf, 0, r);
            left -= r;
        }
    }

    /** A line, or "" at the end of the stream (the end of a trailer section may be the connection's end). */
    private static String lineOrEmpty(InputStream in) throws IOException {
        try {
            return line(in);
        } catch (IOException closed) {
            return "";
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                sb.append((char) c);
            }
            if (sb.length() > 16_384) {
                throw new IOException("header line from the daemon too long");
            }
        }
        if (c < 0 && sb.length() == 0) {
            throw new IOException("the daemon closed the connection");
        }
        return sb.toString();
    }

    private static JsonNode parse(byte[] b) throws IOException {
        try {
            return JSON.readTree(b);
        } catch (IOException e) {
            throw new IOException("the daemon's answer is not JSON: " + new String(b, 0, Math.min(b.length, 200),
                    StandardCharsets.UTF_8), e);
        }
    }
}
