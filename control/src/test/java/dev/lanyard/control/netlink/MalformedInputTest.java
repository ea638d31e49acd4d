package dev.lanyard.control.netlink;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Truncated or garbage input is answered with a clear exception, never an index exception or an endless loop. */
class MalformedInputTest {
    private static final MessageHandler DECODE_LINKS = LinkMessages::decode;

    private static ByteBuffer buffer(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.allocateDirect(Math.max(bytes.length, 1)).order(ByteOrder.nativeOrder());
        buf.put(bytes).clear();
        return buf;
    }

    private static void feed(byte[] bytes, int seq, boolean dump) throws IOException {
        new Reply(seq, dump, "RTM_GETLINK dump", DECODE_LINKS).feed(buffer(bytes), bytes.length);
    }

    @Test
    void headerShorterThanSixteenBytesIsTruncation() {
        NetlinkProtocolException e = assertThrows(NetlinkProtocolException.class,
                () -> feed(new byte[] {20, 0, 0, 0, 2, 0, 0, 0, 1}, 1, false));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void lengthBeyondTheDatagramIsRejected() {
        byte[] ack = KernelMessages.ack(1);
        byte[] cut = Arrays.copyOf(ack, ack.length - 4);
        NetlinkProtocolException e = assertThrows(NetlinkProtocolException.class, () -> feed(cut, 1, false));
        assertTrue(e.getMessage().contains("claims 36 bytes, but 32 remain"), e.getMessage());
    }

    @Test
    void zeroLengthMessageDoesNotLoopForever() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThrows(NetlinkProtocolException.class, () -> feed(new byte[32], 1, true));
        });
    }

    @Test
    void errorMessageTooShortForStructNlmsgerrIsRejected() {
        byte[] ack = KernelMessages.ack(1);
        byte[] shortError = Arrays.copyOf(ack, 24);
        shortError[0] = 24;
        NetlinkProtocolException e = assertThrows(NetlinkProtocolException.class,
                () -> feed(shortError, 1, false));
        assertTrue(e.getMessage().startsWith("NLMSG_ERROR truncated"), e.getMessage());
    }

    @Test
    void attributeLengthPointingOutsideTheMessageIsRejected() {
        byte[] link = KernelMessages.link(1, 0, 3, "eth0", 0);
        link[32] = (byte) 0xf0; // IFLA_IFNAME's nla_len, right after the 32 bytes of headers
        NetlinkProtocolException e = assertThrows(NetlinkProtocolException.class,
                () -> LinkMessages.decode(NetlinkMessage.at(buffer(link), 0, link.length)));
        assertTrue(e.getMessage().contains("netlink attribute at offset 0 claims 240 bytes"), e.getMessage());
    }

    @Test
    void attributeTooShortForItsTypeIsRejected() {
        MessageBuilder b = new MessageBuilder(256).start(Rtnetlink.RTM_NEWLINK, 0);
        LinkMessages.ifinfomsg(b, 3, 0, 0);
        b.attrString(IfLink.IFLA_IFNAME, "x").attr(IfLink.IFLA_MTU, new byte[] {1, 2});
        b.finish(0);
        byte[] bytes = b.bytes();
        NetlinkProtocolException e = assertThrows(NetlinkProtocolException.class,
                () -> LinkMessages.decode(NetlinkMessage.at(buffer(bytes), 0, bytes.length)));
        assertEquals("netlink attribute 4 has 2 bytes, expected 4", e.getMessage());
    }

    @Test
    void linkMessageWithoutItsHeaderIsRejected() {
        MessageBuilder b = new MessageBuilder(64).start(Rtnetlink.RTM_NEWLINK, 0).u32(3);
        b.finish(0);
        byte[] bytes = b.bytes();
        assertThrows(NetlinkProtocolException.class,
                () -> LinkMessages.decode(NetlinkMessage.at(buffer(bytes), 0, bytes.length)));
    }

    @Test
    void everyTruncationAndRandomCorruptionOfADumpEndsCleanly() {
        byte[][] parts = {
            KernelMessages.link(7, Netlink.NLM_F_MULTI, 1, "lo", 0),
            KernelMessages.link(7, Netlink.NLM_F_MULTI, 2, "veth0", 3),
            KernelMessages.error(7, 22, "bad"),
            KernelMessages.done(7, 0, "fine"),
        };
        int total = KernelMessages.length(parts);
        byte[] whole = new byte[total];
        KernelMessages.datagram(parts).get(whole);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int cut = 0; cut <= total; cut++) {
                expectCleanEnd(Arrays.copyOf(whole, cut));
            }
            Random random = new Random(4);
            for (int round = 0; round < 20_000; round++) {
                byte[] mutated = whole.clone();
                int flips = 1 + random.nextInt(6);
                for (int i = 0; i < flips; i++) {
                    mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
                }
                expectCleanEnd(Arrays.copyOf(mutated, random.nextInt(mutated.length + 1)));
            }
            for (int round = 0; round < 2_000; round++) {
                byte[] garbage = new byte[random.nextInt(200)];
                random.nextBytes(garbage);
                expectCleanEnd(garbage);
            }
        });
    }

    private static void expectCleanEnd(byte[] bytes) {
        try {
            feed(bytes, 7, true);
        } catch (NetlinkProtocolException | NetlinkException expected) {
            // The clear answers: unreadable input, or a kernel error that survived the corruption.
        } catch (IOException | RuntimeException e) {
            fail("input " + Hex.of(bytes) + " raised " + e, e);
        }
    }
}
