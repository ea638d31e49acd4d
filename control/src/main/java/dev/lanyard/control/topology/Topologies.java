package dev.lanyard.control.topology;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Entry points for getting a checked topology: from a file, from text, or the built-in default lab. */
public final class Topologies {
    /** The resource holding the default lab (LABS.md lab 3, the docker0 lab). */
    public static final String DEFAULT_LAB_RESOURCE = "default-lab.yaml";

    private Topologies() {
    }

    /**
     * Reads, parses and validates a topology file. Problems name the file as {@code file} is written.
     *
     * @throws IOException       when the file cannot be read
     * @throws TopologyException with every problem of the file
     */
    public static Topology read(Path file) throws IOException, TopologyException {
        return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * Parses and validates topology text.
     *
     * @param fileName the name problems give the text
     * @throws TopologyException with every problem of the text
     */
    public static Topology parse(String fileName, String text) throws TopologyException {
        Topology t = TopologyParser.parse(fileName, text);
        Validator.validate(t);
        return t;
    }

    /** The built-in default lab: namespaces ns0, ns1, ns2 on switch docker0 with gateway 172.17.0.1/16. */
    public static Topology defaultLab() {
        try {
            return parse(DEFAULT_LAB_RESOURCE, defaultLabText());
        } catch (TopologyException e) {
            throw new IllegalStateException("the built-in default lab is invalid:\n" + e.getMessage(), e);
        }
    }

    /** The text of the built-in default lab, as shipped in the jar. */
    public static String defaultLabText() {
        try (InputStream in = Topologies.class.getResourceAsStream(DEFAULT_LAB_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + DEFAULT_LAB_RESOURCE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A SHA-256 hex digest of the topology's content (not of where it came from): equal for topologies that build
     * the same lab, whatever the file's comments, key order within a map or spelling of defaults.
     */
    public static String hash(Topology t) {
        String canonical = t.withSource(Source.none("")).toString();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
