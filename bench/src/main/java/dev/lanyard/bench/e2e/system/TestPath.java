package dev.lanyard.bench.e2e.system;

import java.util.List;

/**
 * Where a system's tests send traffic: from one host interface to another, and for flooding the interfaces
 * that each must receive a copy.
 *
 * @param srcNs   namespace of the sender (h1)
 * @param srcDev  the sender's interface
 * @param srcMac  the sender's MAC
 * @param dstNs   namespace of the receiver (h2)
 * @param dstDev  the receiver's interface
 * @param dstIp   the receiver's address
 * @param dstMac  the receiver's MAC
 * @param srcIp   the sender's address
 * @param switchNs the switch namespace, null when there is no switch
 * @param flood   the interfaces a flooded frame must reach; empty when there is no switch to flood
 */
public record TestPath(String srcNs, String srcDev, byte[] srcMac, String srcIp, String dstNs, String dstDev,
                       String dstIp, byte[] dstMac, String switchNs, List<Receiver> flood) {

    /**
     * One receiving interface.
     *
     * @param ns         its namespace
     * @param dev        its name
     * @param switchPort the switch port that feeds it, null when there is no switch
     */
    public record Receiver(String ns, String dev, String switchPort) {
    }

    /** The unicast receiver. */
    public Receiver receiver() {
        return new Receiver(dstNs, dstDev, switchNs == null ? null : flood.get(0).switchPort());
    }

    /** Copies the arrays so the record stays a value. */
    public TestPath {
        srcMac = srcMac.clone();
        dstMac = dstMac.clone();
        flood = List.copyOf(flood);
    }

    @Override
    public byte[] srcMac() {
        return srcMac.clone();
    }

    @Override
    public byte[] dstMac() {
        return dstMac.clone();
    }
}
