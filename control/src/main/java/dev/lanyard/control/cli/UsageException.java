package dev.lanyard.control.cli;

/**
 * A command line that cannot be carried out as written (a missing option, a switch or port the lab does not have):
 * its message is printed after the command's name, and the command exits with {@link Main#USAGE}.
 */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A usage error saying what is wrong with the command line. */
    public UsageException(String message) {
        super(message);
    }
}
