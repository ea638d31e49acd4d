package dev.lanyard.bench.e2e.probe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The outcome of one iperf3 client run from its JSON report ({@code -J}): the receiver's throughput (what arrived,
 * not what was sent) and the sender's retransmissions, or the error iperf3 reported (it may exit 0 even then).
 *
 * @param bitsPerSecond received throughput over the measured seconds (after {@code -O}); NaN on error
 * @param retransmits   TCP retransmissions of all streams; -1 when unknown
 * @param error         iperf3's own error text, null on success
 */
public record Iperf3Result(double bitsPerSecond, long retransmits, String error) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses {@code iperf3 -c ... -J} output. */
    public static Iperf3Result parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("iperf3 output is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("iperf3 output is not a JSON object");
        }
        JsonNode error = root.get("error");
        if (error != null && error.isTextual()) {
            return new Iperf3Result(Double.NaN, -1, error.asText());
        }
        JsonNode received = root.path("end").path("sum_received").path("bits_per_second");
        if (!received.isNumber()) {
            throw new IllegalArgumentException("iperf3 JSON has no end.sum_received.bits_per_second");
        }
        JsonNode retr = root.path("end").path("sum_sent").path("retransmits");
        return new Iperf3Result(received.asDouble(), retr.isNumber() ? retr.asLong() : -1, null);
    }

    /** Whether the run produced a throughput. */
    public boolean ok() {
        return error == null;
    }

    /** The throughput in Gbit/s. */
    public double gbps() {
        return bitsPerSecond / 1e9;
    }
}
