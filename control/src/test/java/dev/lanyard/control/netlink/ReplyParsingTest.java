package dev.lanyard.control.netlink;

import dev.lanyard.dataplane.linux.Errno;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading answers: ACKs, errors with the kernel's extended-ACK text, multi-part dumps. */
class ReplyParsingTest {
    private final List<String> names = new ArrayList<>();
    private final MessageHandler collectNames = m -> names.add(LinkMessages.decode(m).name());

    private static boolean feed(Reply reply, byte[]... messages) throws IOException {
        ByteBuffer buf = KernelMessages.datagram(messages);
        return reply.feed(buf, KernelMessages.length(messages));
    }

    @Test
    void ackEndsAPlainRequest() throws IOException {
        assertTrue(feed(new Reply(5, false, "RTM_SETLINK up x", collectNames), KernelMessages.ack(5)));
    }

    @Test
    void answersToOtherRequestsAndNotificationsAreSkipped() throws IOException {
        Reply reply = new Reply(5, false, "RTM_SETLINK up x", collectNames);
        assertFalse(feed(reply, KernelMessages.ack(4), KernelMessages.link(0, 0, 3, "noise", 0)));
        assertTrue(feed(reply, KernelMessages.ack(5)));
        assertTrue(names.isEmpty());
    }

    @Test
    void replyBeforeTheAckGoesToTheHandler() throws IOException {
        Reply reply = new Reply(9, false, "RTM_GETLINK a", collectNames);
        assertTrue(feed(reply, KernelMessages.link(9, 0, 3, "a", 4), KernelMessages.ack(9)));
        assertEquals(List.of("a"), names);
    }

    @Test
    void errorCarriesOperationErrnoAndTheKernelsText() {
        Reply reply = new Reply(5, false, "RTM_SETLINK mtu 10 h1-eth0", collectNames);
        NetlinkException e = assertThrows(NetlinkException.class,
                () -> feed(reply, KernelMessages.error(5, Errno.EINVAL, "mtu less than device minimum")));
        assertEquals(Errno.EINVAL, e.errno());
        assertEquals("mtu less than device minimum", e.kernelMessage());
        assertEquals("RTM_SETLINK mtu 10 h1-eth0: Invalid argument (kernel: \"mtu less than device minimum\")",
                e.getMessage());
    }

    @Test
    void extendedAckIsFoundAfterAnEchoedRequestPayload() {
        Reply reply = new Reply(6, false, "RTM_NEWLINK veth a/b", collectNames);
        NetlinkException e = assertThrows(NetlinkException.class,
                () -> feed(reply, KernelMessages.uncappedError(6, Errno.EOPNOTSUPP, "Unknown device type")));
        assertEquals("Unknown device type", e.kernelMessage());
    }

    @Test
    void errorWithoutExtendedAckNamesOnlyOperationAndErrno() {
        Reply reply = new Reply(7, false, "RTM_NEWLINK veth h1-eth0/sw-h1", collectNames);
        NetlinkException e = assertThrows(NetlinkException.class,
                () -> feed(reply, KernelMessages.plainError(7, Errno.EEXIST)));
        assertEquals("RTM_NEWLINK veth h1-eth0/sw-h1: File exists", e.getMessage());
        assertEquals("", e.kernelMessage());
    }

    @Test
    void missingAttributeIsNamed() {
        Reply reply = new Reply(8, false, "RTM_NEWROUTE default", collectNames);
        NetlinkException e = assertThrows(NetlinkException.class,
                () -> feed(reply, KernelMessages.missingAttributeError(8, Errno.EINVAL, 5)));
        assertEquals("missing attribute 5", e.kernelMessage());
    }

    @Test
    void multiPartDumpIsReadAcrossDatagramsUntilDone() throws IOException {
        Reply reply = new Reply(11, true, "RTM_GETLINK dump", collectNames);
        assertFalse(feed(reply, KernelMessages.link(11, Netlink.NLM_F_MULTI, 1, "lo", 0),
                KernelMessages.link(0, 0, 99, "notification", 0),
                KernelMessages.link(11, Netlink.NLM_F_MULTI, 2, "eth0", 3)));
        assertFalse(feed(reply, KernelMessages.link(11, Netlink.NLM_F_MULTI, 3, "veth0", 2)));
        assertTrue(feed(reply, KernelMessages.link(11, Netlink.NLM_F_MULTI, 4, "veth1", 5),
                KernelMessages.done(11, 0, null)));
        assertEquals(List.of("lo", "eth0", "veth0", "veth1"), names);
        assertFalse(reply.interrupted());
    }

    @Test
    void interruptedDumpIsReported() throws IOException {
        Reply reply = new Reply(12, true, "RTM_GETLINK dump", collectNames);
        assertTrue(feed(reply, KernelMessages.link(12, Netlink.NLM_F_MULTI | Netlink.NLM_F_DUMP_INTR, 1, "lo", 0),
                KernelMessages.done(12, 0, null)));
        assertTrue(reply.interrupted());
    }

    @Test
    void failedDumpCarriesTheTextFromDone() {
        Reply reply = new Reply(13, true, "RTM_GETROUTE dump", collectNames);
        NetlinkException e = assertThrows(NetlinkException.class,
                () -> feed(reply, KernelMessages.done(13, -Errno.EINVAL, "Invalid header for route dump request")));
        assertEquals("RTM_GETROUTE dump: Invalid argument (kernel: \"Invalid header for route dump request\")",
                e.getMessage());
    }

    @Test
    void handlerFailureIsRaisedOnlyOnceTheDumpIsOver() throws IOException {
        IllegalStateException boom = new IllegalStateException("boom");
        List<Integer> seen = new ArrayList<>();
        Reply reply = new Reply(14, true, "RTM_GETLINK dump", m -> {
            seen.add(m.seq());
            throw boom;
        });
        assertFalse(feed(reply, KernelMessages.link(14, Netlink.NLM_F_MULTI, 1, "lo", 0),
                KernelMessages.link(14, Netlink.NLM_F_MULTI, 2, "eth0", 0)));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> feed(reply, KernelMessages.done(14, 0, null)));
        assertSame(boom, e);
        assertEquals(1, seen.size(), "after a failure the rest of the dump is read but not handled");
    }
}
