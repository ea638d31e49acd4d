package dev.lanyard.dataplane.tap;

import dev.lanyard.dataplane.forward.DropReason;
import dev.lanyard.dataplane.forward.PortTable;
import dev.lanyard.dataplane.port.Port;
import dev.lanyard.dataplane.port.TxQueue;
import dev.lanyard.dataplane.trace.Egress;
import dev.lanyard.dataplane.trace.Lookup;
import dev.lanyard.dataplane.trace.LookupKind;
import dev.lanyard.dataplane.trace.Trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One preallocated slot of a live trace ring: what a worker saw of one frame, in primitives until it is read. */
final class LiveRecord {
    final byte[] head = new byte[LiveTrace.HEAD_BYTES];
    final int[] egress = new int[LiveTrace.MAX_EGRESS];
    final int[] results = new int[LiveTrace.MAX_EGRESS];
    int port;
    long rxNanos;
    long kickNanos;
    int wireLength;
    int headLength;
    int status;
    int learn;
    int action;
    LookupKind lookupKind = LookupKind.NOT_DONE;
    int lookupPort;
    boolean lookupStatic;
    long lookupAge;
    int egressCount;
    int egressTotal;

    /** One transmit attempt: {@link TxQueue#QUEUED} or a drop reason's ordinal. */
    void addEgress(int port, int result) {
        if (egressCount < egress.length) {
            egress[egressCount] = port;
            results[egressCount] = result;
            egressCount++;
        }
        egressTotal++;
    }

    /** The record as a trace, with port names from {@code names}. Runs on the reader. */
    Trace toTrace(PortTable names) {
        List<Egress> out = new ArrayList<>(egressCount);
        for (int k = 0; k < egressCount; k++) {
            out.add(new Egress(egress[k], name(names, egress[k]),
                    results[k] == TxQueue.QUEUED ? null : DropReason.of(results[k])));
        }
        Lookup lookup = lookupKind == LookupKind.NOT_DONE ? Lookup.NOT_DONE
                : new Lookup(lookupKind, lookupPort, lookupStatic, lookupAge);
        return new Trace(port, name(names, port), Arrays.copyOf(head, headLength), wireLength, status, learn, lookup,
                action, out, egressTotal - egressCount, rxNanos, kickNanos, true);
    }

    private static String name(PortTable names, int index) {
        Port p = names.port(index);
        return p == null ? "port " + index : p.name();
    }
}
