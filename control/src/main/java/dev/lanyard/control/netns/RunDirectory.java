package dev.lanyard.control.netns;

import dev.lanyard.dataplane.linux.Errno;
import dev.lanyard.dataplane.linux.Fcntl;
import dev.lanyard.dataplane.linux.LinuxException;
import dev.lanyard.dataplane.linux.Mount;
import dev.lanyard.dataplane.linux.NetnsExec;
import dev.lanyard.dataplane.linux.SysFile;
import dev.lanyard.dataplane.linux.Unistd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.logging.Logger;

/**
 * Prepares /run/netns the way `ip netns add` does: the directory exists and is a shared mount point in a peer
 * group of its own, so an unmount of a namespace file in one mount namespace unmounts it in all of them and the
 * namespace can be freed. Done once per process, under iproute2's flock on the directory so that a concurrent
 * `ip netns add` never stacks the mount twice.
 */
final class RunDirectory {
    private static final Logger LOG = Logger.getLogger(RunDirectory.class.getName());
    private static final String DIR = NetnsExec.NETNS_RUN_DIR;

    private static boolean ready;

    private RunDirectory() {
    }

    /** Makes sure /run/netns exists and is a shared mount point. */
    static synchronized void ensureReady() throws IOException {
        if (ready) {
            return;
        }
        Path dir = Path.of(DIR);
        if (!Files.isDirectory(dir)) {
            try {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwxr-xr-x")));
            } catch (IOException e) {
                throw new IOException("mkdir " + DIR + ": " + e.getMessage(), e);
            }
        }
        int lock = Fcntl.openOrThrow(DIR, Fcntl.O_RDONLY);
        try {
            if (SysFile.flock(lock, SysFile.LOCK_EX) != 0) {
                // iproute2 goes on without the lock too; only concurrent first-time setups could collide.
                LOG.warning("could not flock " + DIR + ": " + Errno.describe(Errno.last()));
            }
            makeShared();
            ready = true;
        } finally {
            Unistd.close(lock);
        }
    }

    /** Forgets that the directory was prepared, so the next {@link #ensureReady} checks it again. */
    static synchronized void forget() {
        ready = false;
    }

    private static void makeShared() throws LinuxException {
        boolean madeMountPoint = false;
        while (Mount.mount("", DIR, "none", Mount.MS_SHARED | Mount.MS_REC, null) != 0) {
            int errno = Errno.last();
            // EINVAL: not a mount point yet. Bind it onto itself, then private and shared again so it gets a peer
            // group of its own instead of joining the parent's.
            if (errno != Errno.EINVAL || madeMountPoint) {
                throw new LinuxException("mount --make-shared", DIR, errno);
            }
            if (Mount.mount(DIR, DIR, "none", Mount.MS_BIND | Mount.MS_REC, null) != 0) {
                throw Errno.exception("mount --bind", DIR);
            }
            if (Mount.mount(DIR, DIR, "none", Mount.MS_PRIVATE | Mount.MS_REC, null) != 0) {
                throw Errno.exception("mount --make-private", DIR);
            }
            madeMountPoint = true;
        }
    }
}
