package dev.lanyard.dataplane.linux;

import com.sun.jna.Platform;

/** The C library every binding class registers against. */
final class Libc {
    static final String NAME = Platform.C_LIBRARY_NAME;

    private Libc() {
    }
}
