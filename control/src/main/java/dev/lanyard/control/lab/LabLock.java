package dev.lanyard.control.lab;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** An exclusive lock on a lab, so that two {@code up}s or {@code down}s of one lab never interleave. */
final class LabLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private LabLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock of {@code lab} under {@code base}, or fails at once if someone holds it. */
    static LabLock take(Path base, String lab) throws IOException {
        Files.createDirectories(base);
        Path file = file(base, lab);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l = ch.tryLock();
        if (l == null) {
            ch.close();
            throw new IOException("another lanyard up or down of lab " + lab + " is running (lock " + file + ")");
        }
        return new LabLock(ch, l);
    }

    /** The lock file of a lab. */
    static Path file(Path base, String lab) {
        return base.resolve("." + lab + ".lock");
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
