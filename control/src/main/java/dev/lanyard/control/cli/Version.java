package dev.lanyard.control.cli;

import picocli.CommandLine;

/** The version printed by --version: the jar's, or "development" when run from classes. */
public final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        return new String[] {"lanyard " + (v == null ? "0.1.0-SNAPSHOT" : v) + ", Java "
                + System.getProperty("java.version")};
    }
}
