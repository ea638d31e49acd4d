package dev.lanyard.dataplane.forward;

import dev.lanyard.dataplane.port.Port;
import dev.lanyard.dataplane.port.TxQueue;
import dev.lanyard.dataplane.storm.StormControl;

import java.util.Arrays;

/**
 * An immutable snapshot of a switch's ports and their settings, indexed by port number. Control code builds a new
 * one for every change and publishes it with one volatile write; workers read it once per burst and never lock
 * (as Aeron's pollers swap their transport arrays).
 */
public final class PortTable {
    /** No ports. */
    public static final PortTable EMPTY = new PortTable(new Port[0], new PortSettings[0], new boolean[0], 1);

    private final Port[] ports;
    private final PortSettings[] settings;
    private final boolean[] forwarding;
    private final boolean[] learning;
    private final boolean[] flood;
    private final boolean[] isolated;
    private final int[] macLimit;
    private final boolean[] stormControlled;
    /** Per port and class ({@link StormControl#CLASSES} per port): frames per second, or UNLIMITED. */
    private final long[] stormRate;
    /** Per port and class: the burst in frames. */
    private final long[] stormBurst;
    private final int[] forwardingPorts;
    private final TxQueue[][] txQueues;

    /**
     * A snapshot over ports by index (null where free), their settings and link states, for a switch with
     * {@code workers} workers.
     */
    public PortTable(Port[] ports, PortSettings[] settings, boolean[] linkUp, int workers) {
        int n = ports.length;
        this.ports = ports.clone();
        this.settings = settings.clone();
        this.forwarding = new boolean[n];
        this.learning = new boolean[n];
        this.flood = new boolean[n];
        this.isolated = new boolean[n];
        this.macLimit = new int[n];
        this.stormControlled = new boolean[n];
        this.stormRate = new long[n * StormControl.CLASSES];
        this.stormBurst = new long[n * StormControl.CLASSES];
        this.txQueues = new TxQueue[workers][n];
        int[] fwd = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            Port p = ports[i];
            if (p == null) {
                continue;
            }
            PortSettings s = settings[i];
            forwarding[i] = s.enabled() && linkUp[i];
            learning[i] = s.learning();
            flood[i] = s.flood();
            isolated[i] = s.isolated();
            macLimit[i] = s.macLimit();
            StormControl storm = s.stormControl();
            stormControlled[i] = storm.enabled();
            for (int c = 0; c < StormControl.CLASSES; c++) {
                stormRate[i * StormControl.CLASSES + c] = storm.rate(c);
                stormBurst[i * StormControl.CLASSES + c] = storm.burstOf(c);
            }
            for (int w = 0; w < workers; w++) {
                txQueues[w][i] = p.txQueue(w);
            }
            if (forwarding[i]) {
                fwd[count++] = i;
            }
        }
        this.forwardingPorts = Arrays.copyOf(fwd, count);
    }

    /** One past the highest port index. */
    public int length() {
        return ports.length;
    }

    /** The port at an index, or null. */
    public Port port(int index) {
        return index >= 0 && index < ports.length ? ports[index] : null;
    }

    /** The settings of a port. */
    public PortSettings settings(int index) {
        return settings[index];
    }

    /** True when the port exists, is enabled and its link is up. */
    public boolean forwarding(int index) {
        return index >= 0 && index < forwarding.length && forwarding[index];
    }

    /** True when the port learns. */
    public boolean learning(int index) {
        return learning[index];
    }

    /** True when unknown unicast may leave through the port. */
    public boolean flood(int index) {
        return flood[index];
    }

    /** True for an isolated port. */
    public boolean isolated(int index) {
        return isolated[index];
    }

    /** The port's MAC limit, 0 for none. */
    public int macLimit(int index) {
        return macLimit[index];
    }

    /** True when the port polices at least one class of flooded traffic on ingress. */
    public boolean stormControlled(int index) {
        return stormControlled[index];
    }

    /** The storm-control rate of a class on a port, frames per second, or {@link StormControl#UNLIMITED}. */
    public long stormRate(int index, int trafficClass) {
        return stormRate[index * StormControl.CLASSES + trafficClass];
    }

    /** The storm-control burst of a class on a port, in frames. */
    public long stormBurst(int index, int trafficClass) {
        return stormBurst[index * StormControl.CLASSES + trafficClass];
    }

    /** Indexes of forwarding ports, ascending. Do not modify. */
    public int[] forwardingPorts() {
        return forwardingPorts;
    }

    /** The transmit queue of a port for a worker. */
    public TxQueue txQueue(int worker, int port) {
        return txQueues[worker][port];
    }

    /** The index of the port with this name, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < ports.length; i++) {
            if (ports[i] != null && ports[i].name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** True when a flood from {@code ingress} may go out of {@code egress}. */
    public boolean floodsTo(int ingress, int egress, boolean unknownUnicast) {
        return egress != ingress && (!unknownUnicast || flood[egress]) && !(isolated[ingress] && isolated[egress]);
    }
}
