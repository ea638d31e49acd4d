package dev.lanyard.control.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where a lab keeps its state under /run/lanyard/LAB: the record of what it made, the topology it was brought up
 * with, the daemon's pid, API socket and log.
 */
public final class LabPaths {
    /** The default base directory. */
    public static final Path DEFAULT_BASE = Path.of("/run/lanyard");

    private final Path base;

    /** Paths under a base directory (tests use a temporary one). */
    public LabPaths(Path base) {
        this.base = base;
    }

    /** The base directory. */
    public Path base() {
        return base;
    }

    /** A lab's directory. */
    public Path dir(String lab) {
        return base.resolve(lab);
    }

    /** The topology text the lab was brought up with. */
    public Path topology(String lab) {
        return dir(lab).resolve("topology.yaml");
    }

    /** The daemon's pid file. */
    public Path pid(String lab) {
        return dir(lab).resolve("daemon.pid");
    }

    /** The daemon's API socket. */
    public Path socket(String lab) {
        return dir(lab).resolve("api.sock");
    }

    /** Created by {@code up} when the links exist: tells a daemon started early that it may open its ports. */
    public Path go(String lab) {
        return dir(lab).resolve("go");
    }

    /** The daemon's log. */
    public Path log(String lab) {
        return dir(lab).resolve("daemon.log");
    }

    /** Creates the lab's directory, readable by root only. */
    public Path ensureDir(String lab) throws IOException {
        Files.createDirectories(base);
        Path d = dir(lab);
        Files.createDirectories(d);
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
        return d;
    }
}
