package dev.lanyard.tools.capture;

import dev.lanyard.dataplane.Switch;
import dev.lanyard.dataplane.forward.PortTable;
import dev.lanyard.dataplane.port.Port;
import dev.lanyard.dataplane.tap.CaptureSession;
import dev.lanyard.dataplane.tap.CaptureSpec;
import dev.lanyard.dataplane.tap.TapSelection;
import dev.lanyard.tools.filter.FilterException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Starts captures the way {@code lanyard capture [PORT...] [--snaplen N] [FILTER...]} asks for them: ports by name
 * (none means every port, including ports added later), a tcpdump filter expression, a snaplen.
 */
public final class Captures {
    private Captures() {
    }

    /**
     * Starts a capture on a switch. Unknown port names and bad filters are refused before anything starts.
     *
     * @param ports   port names; empty for every port
     * @param snaplen most bytes kept per frame, 1 to {@link CaptureSpec#MAX_SNAPLEN}
     * @param filter  a tcpdump expression; null or blank for every frame
     */
    public static CaptureSession start(Switch sw, List<String> ports, int snaplen, String filter)
            throws FilterException {
        CaptureSpec spec = CaptureSpec.of(select(sw.ports(), ports), BpfMatcher.compile(filter)).withSnaplen(snaplen);
        return sw.taps().startCapture(spec);
    }

    /** The selection of these port names (both directions), or of every port for an empty list. */
    public static TapSelection select(PortTable table, List<String> names) {
        int[] indexes = new int[names.size()];
        for (int k = 0; k < indexes.length; k++) {
            indexes[k] = table.indexOf(names.get(k));
            if (indexes[k] < 0) {
                throw new IllegalArgumentException("no port named \"" + names.get(k) + "\" (ports: "
                        + String.join(", ", names(table)) + ")");
            }
        }
        return TapSelection.ports(indexes);
    }

    /** Names of a switch's ports by index, for interface blocks; "port N" for an index no longer in use. */
    public static IntFunction<String> portNames(Switch sw) {
        return index -> {
            Port p = sw.ports().port(index);
            return p == null ? "port " + index : p.name();
        };
    }

    private static List<String> names(PortTable table) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < table.length(); i++) {
            if (table.port(i) != null) {
                out.add(table.port(i).name());
            }
        }
        return out;
    }
}
