package dev.lanyard.control.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What the API answers: a status and a body, or a stream that keeps writing until it or the client ends it.
 *
 * @param status       the HTTP status
 * @param contentType  the body's type
 * @param body         the body (empty for a stream)
 * @param stream       a stream to run after the headers, or null
 * @param afterSent    what to do once the whole answer has been written out (or could not be), or null
 */
public record ApiResponse(int status, String contentType, byte[] body, Streamer stream, Runnable afterSent) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A JSON body (Jackson writes records, maps and lists). */
    public static ApiResponse json(int status, Object value) {
        try {
            byte[] b = JSON.writeValueAsBytes(value);
            byte[] withNewline = new byte[b.length + 1];
            System.arraycopy(b, 0, withNewline, 0, b.length);
            withNewline[b.length] = '\n';
            return new ApiResponse(status, "application/json", withNewline, null, null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** 200 with a JSON body. */
    public static ApiResponse ok(Object value) {
        return json(200, value);
    }

    /** An error as JSON: {"error": "..."}. */
    public static ApiResponse error(int status, String message) {
        return json(status, Map.of("error", message, "status", status));
    }

    /** A plain-text body (Prometheus metrics). */
    public static ApiResponse text(int status, String contentType, String text) {
        return new ApiResponse(status, contentType, text.getBytes(StandardCharsets.UTF_8), null, null);
    }

    /** A streamed body, sent in chunks as the streamer writes them. */
    public static ApiResponse stream(String contentType, Streamer streamer) {
        return new ApiResponse(200, contentType, new byte[0], streamer, null);
    }

    /**
     * This answer, followed by {@code action} once it is on its way to the client (run on a thread of its own, so
     * it may stop the server).
     */
    public ApiResponse thenRun(Runnable action) {
        return new ApiResponse(status, contentType, body, stream, action);
    }

    /** Writes a streamed body; runs on its own thread and returns when the stream is done. */
    @FunctionalInterface
    public interface Streamer {
        /** Writes to the sink until done or until the sink reports the client gone. */
        void run(StreamSink sink) throws Exception;
    }

    /** Where a streamer writes. */
    public interface StreamSink {
        /** Sends bytes as one chunk; false when the client has gone away. */
        boolean write(byte[] bytes, int offset, int length);

        /** True while the client is still there (a streaming client that shuts its side down has left). */
        boolean open();

        /** A trailer field sent after the last chunk (what a stream learned only at its end, such as totals). */
        void trailer(String name, String value);
    }
}
