package dev.lanyard.control.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Keeps each lab's {@link LabRecord} as JSON in {@code BASE/LAB/record.json}, replaced atomically (write a temporary
 * file, flush it, rename it over the old one), so a crash leaves either the old record or the new one, never half.
 */
public final class LabRecordStore {
    /** Where records live unless told otherwise: a tmpfs, so a reboot, which removes every lab, forgets them too. */
    public static final Path DEFAULT_BASE = Path.of("/run/lanyard");
    static final String FILE = "record.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path base;

    /** A store under {@code base} (tests use a temporary directory). */
    public LabRecordStore(Path base) {
        this.base = base;
    }

    /** The state directory of a lab: BASE/LAB. */
    public Path directory(String lab) {
        return base.resolve(lab);
    }

    /** The record file of a lab. */
    public Path file(String lab) {
        return directory(lab).resolve(FILE);
    }

    /** The lab's record, or an empty one when the lab has none. */
    public LabRecord load(String lab) throws IOException {
        Path file = file(lab);
        if (!Files.exists(file)) {
            return LabRecord.empty(lab);
        }
        LabRecord record;
        try {
            record = JSON.readValue(file.toFile(), LabRecord.class);
        } catch (IOException e) {
            throw new IOException("cannot read lab record " + file + ": " + e.getMessage(), e);
        }
        if (record.version() != LabRecord.VERSION) {
            throw new IOException("lab record " + file + " has format " + record.version() + "; this Lanyard reads "
                    + LabRecord.VERSION);
        }
        if (!record.lab().equals(lab)) {
            throw new IOException("lab record " + file + " belongs to lab " + record.lab() + ", not " + lab);
        }
        return record;
    }

    /** Replaces the lab's record atomically, creating its directory if needed. */
    public void save(LabRecord record) throws IOException {
        Path dir = directory(record.lab());
        Files.createDirectories(dir);
        Path temporary = dir.resolve(FILE + ".tmp");
        byte[] bytes = JSON.writeValueAsBytes(record);
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
        try {
            Files.move(temporary, file(record.lab()), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot replace " + file(record.lab()) + " atomically", e);
        }
    }

    /**
     * Removes the lab's record, once the lab owns nothing any more, and its directory unless something else (a
     * daemon's socket, say) is still in it.
     */
    public void delete(String lab) throws IOException {
        Files.deleteIfExists(file(lab));
        Files.deleteIfExists(directory(lab).resolve(FILE + ".tmp"));
        try {
            Files.deleteIfExists(directory(lab));
        } catch (DirectoryNotEmptyException ignored) {
            // Whoever put other files there removes them; the record itself is gone.
        }
    }
}
