package dev.lanyard.control.topology;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** The naming rules of Linux (interfaces, namespace files) and of Lanyard (labs). */
public final class Names {
    /** IFNAMSIZ is 16 with the terminating NUL. */
    public static final int MAX_INTERFACE_NAME_BYTES = 15;
    /** NAME_MAX, for a file under /run/netns. */
    public static final int MAX_NAMESPACE_NAME_BYTES = 255;
    /** Lab names: short, lowercase, usable in paths and as name prefixes. */
    public static final Pattern LAB = Pattern.compile("[a-z][a-z0-9-]{0,23}");

    private Names() {
    }

    /**
     * What is wrong with an interface name by the kernel's rules (dev_valid_name), or null if nothing is.
     *
     * @param what how the message names it: "interface name", "port name", ...
     */
    public static String interfaceNameProblem(String name, String what) {
        String common = common(name, what, MAX_INTERFACE_NAME_BYTES, "interface");
        if (common != null) {
            return common;
        }
        if (name.indexOf(':') >= 0) {
            return what + " \"" + name + "\" contains \":\", which Linux refuses in interface names";
        }
        if (name.indexOf('%') >= 0) {
            return what + " \"" + name + "\" contains \"%\", which makes Linux put a number in its place";
        }
        return null;
    }

    /** What is wrong with a namespace name (a file name under /run/netns), or null if nothing is. */
    public static String namespaceNameProblem(String name, String what) {
        return common(name, what, MAX_NAMESPACE_NAME_BYTES, "namespace");
    }

    /** What is wrong with a lab name, or null if nothing is. */
    public static String labNameProblem(String name) {
        if (LAB.matcher(name).matches()) {
            return null;
        }
        return "lab name \"" + name + "\" must start with a lowercase letter and use only a-z, 0-9 and \"-\""
                + " (at most 24 characters)";
    }

    private static String common(String name, String what, int maxBytes, String kind) {
        if (name.isEmpty()) {
            return what + " is empty";
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            return what + " \"" + name + "\" is " + bytes + " bytes; Linux allows at most " + maxBytes;
        }
        if (name.equals(".") || name.equals("..")) {
            return what + " \"" + name + "\" is not allowed: Linux refuses \".\" and \"..\"";
        }
        if (name.indexOf('/') >= 0) {
            return what + " \"" + name + "\" contains \"/\", which Linux refuses in " + kind + " names";
        }
        if (name.chars().anyMatch(c -> Character.isWhitespace(c) || c == 0)) {
            return what + " \"" + name + "\" contains whitespace, which "
                    + (kind.equals("interface") ? "Linux refuses in interface names"
                            : "Lanyard refuses in namespace names (it breaks \"ip netns exec\" command lines)");
        }
        return null;
    }
}
