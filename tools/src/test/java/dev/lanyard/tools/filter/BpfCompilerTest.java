package dev.lanyard.tools.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

class BpfCompilerTest {
    private static void assumeLibpcap() {
        assumeTrue(LibPcap.LOAD_ERROR == null, LibPcap.LOAD_ERROR);
    }

    @Test
    void badExpressionCarriesLibpcapsOwnErrorText() {
        assumeLibpcap();
        FilterException e = assertThrows(FilterException.class, () -> BpfCompiler.compile("tcp prot 80", 65535));
        assertTrue(e.getMessage().startsWith("bad filter \"tcp prot 80\": "), e.getMessage());
        assertTrue(e.getMessage().endsWith("syntax error"), e.getMessage());
        FilterException unknownHost = assertThrows(FilterException.class, () -> Filter.compile("host 300.1.1.1"));
        assertTrue(unknownHost.getMessage().startsWith("bad filter \"host 300.1.1.1\": "), unknownHost.getMessage());
        assertTrue(unknownHost.getMessage().length() > "bad filter \"host 300.1.1.1\": ".length());
    }

    @Test
    void emptyExpressionMatchesEverythingWithoutLibpcap() throws FilterException {
        assertEquals(BpfProgram.acceptAll(1500), BpfCompiler.compile("", 1500));
        assertEquals(BpfProgram.acceptAll(1500), BpfCompiler.compile("  ", 1500));
        assertSame(Filter.ALL, Filter.compile(null));
        assertSame(Filter.ALL, Filter.compile(" "));
        assertTrue(Filter.ALL.matches(ByteBuffer.allocate(0), 0, 0, 0));
        assertEquals("(000) ret      #262144", Filter.ALL.program().toString());
    }

    @Test
    void snaplenIsWhatAMatchingProgramReturns() throws FilterException {
        assumeLibpcap();
        BpfProgram program = BpfCompiler.compile("arp", 96);
        assertEquals("(000) ldh      [12]\n"
                + "(001) jeq      #0x806           jt 2\tjf 3\n"
                + "(002) ret      #96\n"
                + "(003) ret      #0", program.toString());
        byte[] arp = TestFrames.all().stream().filter(f -> f.name().equals("arp-request")).findFirst().orElseThrow()
                .bytes();
        assertEquals(96, new BpfInterpreter(program).run(new BpfContext(), ByteBuffer.wrap(arp), 0, arp.length,
                arp.length));
    }

    @Test
    void protochainLoopsAreRefusedWithAClearMessage() {
        assumeLibpcap();
        FilterException e = assertThrows(FilterException.class, () -> Filter.compile("ip protochain 6"));
        assertTrue(e.getMessage().startsWith("bad filter \"ip protochain 6\": BPF instruction "), e.getMessage());
        assertTrue(e.getMessage().contains("jumps backwards"), e.getMessage());
    }

    @Test
    void concurrentCompilesAllSucceed() throws Exception {
        assumeLibpcap();
        BpfProgram expected = BpfCompiler.compile("tcp port 80 or udp port 53", 65535);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<BpfProgram>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                results.add(pool.submit(() -> BpfCompiler.compile("tcp port 80 or udp port 53", 65535)));
            }
            for (Future<BpfProgram> result : results) {
                assertEquals(expected, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
