package dev.lanyard.control.netns;

import dev.lanyard.control.netlink.RtNetlink;
import dev.lanyard.dataplane.linux.Errno;
import dev.lanyard.dataplane.linux.LinuxException;
import dev.lanyard.dataplane.linux.Mount;
import dev.lanyard.dataplane.linux.NetnsExec;
import dev.lanyard.dataplane.linux.Sched;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Named network namespaces the iproute2 way: each is a bind mount of a namespace at /run/netns/NAME, so
 * `ip netns list` shows it and `ip netns exec NAME ...` enters it. Every namespace created here has {@code lo} up.
 * Safe to use from several threads at once.
 */
public final class NetNamespaces {
    /** NAME_MAX: the longest file name. */
    private static final int MAX_NAME_BYTES = 255;
    private static final String THREAD_SELF_NETNS = "/proc/thread-self/ns/net";

    /** Creates the handle; nothing is touched until a namespace is created. */
    public NetNamespaces() {
    }

    /** The bind-mount path of a namespace: /run/netns/NAME. */
    public String path(String name) {
        return NetnsExec.pathOf(checkName(name));
    }

    /**
     * Creates namespace {@code name} with {@code lo} up. Fails if the name is taken. A dedicated thread unshares
     * into the new namespace and bind-mounts it at {@link #path}; the thread ends afterwards, so no other code
     * runs in it by accident.
     */
    public void create(String name) throws IOException {
        createWithSocket(name).close();
    }

    /**
     * Creates namespace {@code name} with {@code lo} up, like {@link #create}, and returns the rtnetlink socket
     * that brought it up: it stays bound to the new namespace, so the caller can go on configuring it without
     * entering it again.
     */
    public RtNetlink createWithSocket(String name) throws IOException {
        String target = path(name);
        RunDirectory.ensureReady();
        try {
            try {
                Files.createFile(Path.of(target));
            } catch (NoSuchFileException e) {
                // Someone removed /run/netns since this process set it up: set it up again.
                RunDirectory.forget();
                RunDirectory.ensureReady();
                Files.createFile(Path.of(target));
            }
        } catch (FileAlreadyExistsException e) {
            throw new IOException("network namespace " + name + " already exists (" + target + ")", e);
        }
        try {
            return Threads.callOnFreshThread("netns-create-" + name, () -> {
                if (Sched.unshare(Sched.CLONE_NEWNET) != 0) {
                    throw Errno.exception("unshare(CLONE_NEWNET)", "namespace " + name);
                }
                if (Mount.mount(THREAD_SELF_NETNS, target, "none", Mount.MS_BIND, null) != 0) {
                    throw Errno.exception("mount --bind " + THREAD_SELF_NETNS, target);
                }
                RtNetlink netlink = RtNetlink.open();
                try {
                    netlink.setUp("lo", true);
                    return netlink;
                } catch (IOException | RuntimeException e) {
                    netlink.close();
                    throw e;
                }
            });
        } catch (IOException | RuntimeException e) {
            try {
                delete(name);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /**
     * Deletes namespace {@code name}: a lazy unmount and the removal of its file. The kernel frees the namespace,
     * and the links in it, once nothing else holds it (processes, open sockets). A missing namespace is not an
     * error.
     */
    public void delete(String name) throws IOException {
        String target = path(name);
        if (Mount.umount2(target, Mount.MNT_DETACH) != 0) {
            int errno = Errno.last();
            // EINVAL: not a mount point (a file left by a failed create); ENOENT: already gone.
            if (errno != Errno.EINVAL && errno != Errno.ENOENT) {
                throw new LinuxException("umount2(MNT_DETACH)", target, errno);
            }
        }
        try {
            Files.deleteIfExists(Path.of(target));
        } catch (IOException e) {
            throw new IOException("cannot remove namespace file " + target + ": " + e.getMessage(), e);
        }
    }

    /** Whether /run/netns/NAME exists. */
    public boolean exists(String name) {
        return Files.exists(Path.of(path(name)), LinkOption.NOFOLLOW_LINKS);
    }

    /** The names under /run/netns, sorted; empty when the directory does not exist. */
    public List<String> list() throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(NetnsExec.NETNS_RUN_DIR))) {
            files.forEach(p -> names.add(p.getFileName().toString()));
        } catch (NoSuchFileException e) {
            return List.of();
        }
        names.sort(null);
        return names;
    }

    /** Returns the name if it can name a file under /run/netns, else throws saying why. */
    static String checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("namespace name is empty");
        }
        if (name.equals(".") || name.equals("..") || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("namespace name \"" + name + "\" must not be . or .. or contain"
                    + " '/' or NUL");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("namespace name longer than " + MAX_NAME_BYTES + " bytes: " + name);
        }
        return name;
    }
}
