package dev.lanyard.control.netlink;

import java.nio.charset.StandardCharsets;

/** The kernel's rules for interface names (dev_valid_name), checked before a request is sent. */
public final class InterfaceNames {
    /** IFNAMSIZ less the terminating NUL. */
    public static final int MAX_LENGTH = 15;

    private InterfaceNames() {
    }

    /** Returns the name when the kernel would accept it, else throws saying why. */
    public static String check(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("interface name is empty");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_LENGTH) {
            throw new IllegalArgumentException("interface name \"" + name + "\" is " + bytes
                    + " bytes, at most " + MAX_LENGTH + " allowed");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("interface name \"" + name + "\" is not allowed");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == ':' || c == 0 || Character.isWhitespace(c)) {
                throw new IllegalArgumentException("interface name \"" + name
                        + "\" contains '/', ':', NUL or whitespace");
            }
        }
        return name;
    }
}
