package dev.lanyard.tools.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

class BpfInterpreterTest {
    private static final int RET_A = Bpf.RET | Bpf.A;
    private static final byte[] FRAME = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, (byte) 0x88, 0x45, 0x00};

    private final BpfContext context = new BpfContext();

    /** Runs a program over FRAME placed at offset 3 of a little-endian buffer, with a wire length of 100. */
    private int run(BpfProgram.Builder program) {
        return run(program, FRAME.length, 100);
    }

    private int run(BpfProgram.Builder program, int capturedLength, int wireLength) {
        ByteBuffer buffer = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(3, FRAME);
        return new BpfInterpreter(program.build()).run(context, buffer, 3, capturedLength, wireLength);
    }

    private static BpfProgram.Builder prog() {
        return new BpfProgram.Builder();
    }

    /** A program that loads {@code a} into A, applies one ALU instruction, and returns A. */
    private int alu(int a, int opcode, int k) {
        return run(prog().stmt(Bpf.LD | Bpf.IMM, a).stmt(opcode, k).stmt(RET_A, 0));
    }

    /** Same with the operand in X. */
    private int aluX(int a, int opcode, int x) {
        return run(prog().stmt(Bpf.LDX | Bpf.W | Bpf.IMM, x).stmt(Bpf.LD | Bpf.IMM, a).stmt(opcode | Bpf.X, 0)
                .stmt(RET_A, 0));
    }

    @Test
    void absoluteLoadsReadBigEndianWhateverTheBufferOrder() {
        assertEquals(0x01020304, run(prog().stmt(Bpf.LD | Bpf.W | Bpf.ABS, 0).stmt(RET_A, 0)));
        assertEquals(0x0788, run(prog().stmt(Bpf.LD | Bpf.H | Bpf.ABS, 6).stmt(RET_A, 0)));
        assertEquals(0x88, run(prog().stmt(Bpf.LD | Bpf.B | Bpf.ABS, 7).stmt(RET_A, 0)));
    }

    @Test
    void indirectLoadsAddXToTheOffset() {
        assertEquals(0x05060788, run(prog().stmt(Bpf.LDX | Bpf.W | Bpf.IMM, 2).stmt(Bpf.LD | Bpf.W | Bpf.IND, 2)
                .stmt(RET_A, 0)));
        assertEquals(0x0304, run(prog().stmt(Bpf.LDX | Bpf.W | Bpf.IMM, 1).stmt(Bpf.LD | Bpf.H | Bpf.IND, 1)
                .stmt(RET_A, 0)));
        assertEquals(0x45, run(prog().stmt(Bpf.LDX | Bpf.W | Bpf.IMM, 4).stmt(Bpf.LD | Bpf.B | Bpf.IND, 4)
                .stmt(RET_A, 0)));
    }

    @Test
    void mshLoadsFourTimesTheLowNibble() {
        assertEquals(20, run(prog().stmt(Bpf.LDX | Bpf.B | Bpf.MSH, 8).stmt(Bpf.MISC | Bpf.TXA, 0).stmt(RET_A, 0)));
    }

    @Test
    void loadPastTheCapturedBytesRejectsEvenWithinTheWireLength() {
        int ret = Bpf.RET | Bpf.K;
        assertEquals(7, run(prog().stmt(Bpf.LD | Bpf.W | Bpf.ABS, 6).stmt(ret, 7)));
        assertEquals(0, run(prog().stmt(Bpf.LD | Bpf.W | Bpf.ABS, 7).stmt(ret, 7)));
        assertEquals(0, run(prog().stmt(Bpf.LD | Bpf.H | Bpf.ABS, 9).stmt(ret, 7)));
        assertEquals(0, run(prog().stmt(Bpf.LD | Bpf.B | Bpf.ABS, 10).stmt(ret, 7)));
        assertEquals(0, run(prog().stmt(Bpf.LD | Bpf.B | Bpf.ABS, 4).stmt(ret, 7), 4, 100));
        assertEquals(0, run(prog().stmt(Bpf.LDX | Bpf.B | Bpf.MSH, 10).stmt(ret, 7)));
        assertEquals(0, run(prog().stmt(Bpf.LD | Bpf.W | Bpf.ABS, Bpf.SKF_AD_OFF - 1).stmt(ret, 7)),
                "offset 0xffffefff, just below the ancillary window");
        assertEquals(0, run(prog().stmt(Bpf.LD | Bpf.B | Bpf.ABS, Integer.MIN_VALUE).stmt(ret, 7)));
    }

    @Test
    void indirectOffsetsThatOverflowThirtyTwoBitsReject() {
        assertEquals(0, run(prog().stmt(Bpf.LDX | Bpf.W | Bpf.IMM, -1).stmt(Bpf.LD | Bpf.B | Bpf.IND, 2)
                .stmt(Bpf.RET | Bpf.K, 7)));
        assertEquals(0, run(prog().stmt(Bpf.LDX | Bpf.W | Bpf.IMM, 2).stmt(Bpf.LD | Bpf.W | Bpf.IND, -1)
                .stmt(Bpf.RET | Bpf.K, 7)));
        assertEquals(0, run(prog().stmt(Bpf.LDX | Bpf.W | Bpf.IMM, 8).stmt(Bpf.LD | Bpf.H | Bpf.IND, 1)
                .stmt(Bpf.RET | Bpf.K, 7)));
    }

    @Test
    void lengthLoadsTheWireLengthAndImmediatesTheirConstant() {
        assertEquals(1514, run(prog().stmt(Bpf.LD | Bpf.W | Bpf.LEN, 0).stmt(RET_A, 0), 10, 1514));
        assertEquals(1514, run(prog().stmt(Bpf.LDX | Bpf.W | Bpf.LEN, 0).stmt(Bpf.MISC | Bpf.TXA, 0)
                .stmt(RET_A, 0), 10, 1514));
        assertEquals(42, run(prog().stmt(Bpf.LD | Bpf.IMM, 42).stmt(RET_A, 0)));
        assertEquals(43, run(prog().stmt(Bpf.LDX | Bpf.W | Bpf.IMM, 43).stmt(Bpf.MISC | Bpf.TXA, 0).stmt(RET_A, 0)));
    }

    @Test
    void scratchMemoryHoldsStoresAndStartsEachRunAtZero() {
        BpfProgram.Builder program = prog().stmt(Bpf.LD | Bpf.MEM, 15).jump(Bpf.JMP | Bpf.JEQ | Bpf.K, 0, 1, 0)
                .stmt(Bpf.RET | Bpf.K, 0)
                .stmt(Bpf.LD | Bpf.IMM, 11).stmt(Bpf.ST, 15).stmt(Bpf.LDX | Bpf.W | Bpf.IMM, 22).stmt(Bpf.STX, 0)
                .stmt(Bpf.LD | Bpf.IMM, 0).stmt(Bpf.LDX | Bpf.MEM, 15).stmt(Bpf.LD | Bpf.MEM, 0)
                .stmt(Bpf.ALU | Bpf.ADD | Bpf.X, 0).stmt(RET_A, 0);
        BpfInterpreter interpreter = new BpfInterpreter(program.build());
        ByteBuffer frame = ByteBuffer.wrap(FRAME);
        assertEquals(33, interpreter.run(context, frame, 0, FRAME.length, FRAME.length));
        assertEquals(33, interpreter.run(context, frame, 0, FRAME.length, FRAME.length), "M[15] left from run 1");
    }

    @Test
    void arithmeticIsUnsignedThirtyTwoBit() {
        assertEquals(7, alu(3, Bpf.ALU | Bpf.ADD | Bpf.K, 4));
        assertEquals(7, aluX(3, Bpf.ALU | Bpf.ADD, 4));
        assertEquals(4, alu(-1, Bpf.ALU | Bpf.ADD | Bpf.K, 5), "0xffffffff + 5 wraps");
        assertEquals(4, alu(1, Bpf.ALU | Bpf.SUB | Bpf.K, -3), "1 - 0xfffffffd wraps");
        assertEquals(5, aluX(9, Bpf.ALU | Bpf.SUB, 4));
        assertEquals(36, alu(9, Bpf.ALU | Bpf.MUL | Bpf.K, 4));
        assertEquals(4, aluX(0x40000001, Bpf.ALU | Bpf.MUL, 4), "wraps");
        assertEquals(0x7FFFFFFF, alu(-2, Bpf.ALU | Bpf.DIV | Bpf.K, 2), "0xfffffffe / 2 unsigned");
        assertEquals(3, aluX(10, Bpf.ALU | Bpf.DIV, 3));
        assertEquals(0, alu(-2, Bpf.ALU | Bpf.MOD | Bpf.K, 2), "0xfffffffe % 2 unsigned");
        assertEquals(1, aluX(10, Bpf.ALU | Bpf.MOD, 3));
        assertEquals(0x0F00, alu(0x0FF0, Bpf.ALU | Bpf.AND | Bpf.K, 0xFF00));
        assertEquals(0x0F00, aluX(0x0FF0, Bpf.ALU | Bpf.AND, 0xFF00));
        assertEquals(0xFFF0, alu(0x0FF0, Bpf.ALU | Bpf.OR | Bpf.K, 0xFF00));
        assertEquals(0xFFF0, aluX(0x0FF0, Bpf.ALU | Bpf.OR, 0xFF00));
        assertEquals(0xF0F0, alu(0x0FF0, Bpf.ALU | Bpf.XOR | Bpf.K, 0xFF00));
        assertEquals(0xF0F0, aluX(0x0FF0, Bpf.ALU | Bpf.XOR, 0xFF00));
        assertEquals(0x40000000, alu(1, Bpf.ALU | Bpf.LSH | Bpf.K, 30));
        assertEquals(0x40000000, aluX(1, Bpf.ALU | Bpf.LSH, 30));
        assertEquals(1, alu(0x80000000, Bpf.ALU | Bpf.RSH | Bpf.K, 31), "logical, not arithmetic, shift");
        assertEquals(1, aluX(0x80000000, Bpf.ALU | Bpf.RSH, 31));
        assertEquals(5, run(prog().stmt(Bpf.LD | Bpf.IMM, -5).stmt(Bpf.ALU | Bpf.NEG, 0).stmt(RET_A, 0)));
    }

    @Test
    void shiftByXOfThirtyTwoOrMoreGivesZero() {
        assertEquals(0, aluX(1, Bpf.ALU | Bpf.LSH, 32));
        assertEquals(0, aluX(-1, Bpf.ALU | Bpf.RSH, 33));
        assertEquals(0, aluX(-1, Bpf.ALU | Bpf.RSH, -1));
    }

    @Test
    void divisionOrModuloByZeroInXRejects() {
        assertEquals(0, aluX(10, Bpf.ALU | Bpf.DIV, 0));
        assertEquals(0, aluX(10, Bpf.ALU | Bpf.MOD, 0));
    }

    @Test
    void conditionalJumpsCompareUnsignedWithKOrX() {
        assertJump(true, Bpf.JEQ, 5, 5);
        assertJump(false, Bpf.JEQ, 5, 6);
        assertJump(true, Bpf.JGT, -1, 1);
        assertJump(false, Bpf.JGT, 1, 1);
        assertJump(true, Bpf.JGE, 1, 1);
        assertJump(false, Bpf.JGE, 1, -1);
        assertJump(true, Bpf.JSET, 0x12, 0x02);
        assertJump(false, Bpf.JSET, 0x12, 0x01);
    }

    private void assertJump(boolean taken, int op, int a, int operand) {
        BpfProgram.Builder withK = prog().stmt(Bpf.LD | Bpf.IMM, a).jump(Bpf.JMP | op | Bpf.K, operand, 1, 0)
                .stmt(Bpf.RET | Bpf.K, 1).stmt(Bpf.RET | Bpf.K, 2);
        BpfProgram.Builder withX = prog().stmt(Bpf.LDX | Bpf.W | Bpf.IMM, operand).stmt(Bpf.LD | Bpf.IMM, a)
                .jump(Bpf.JMP | op | Bpf.X, 0, 1, 0).stmt(Bpf.RET | Bpf.K, 1).stmt(Bpf.RET | Bpf.K, 2);
        assertEquals(taken ? 2 : 1, run(withK), "k form of opcode " + op);
        assertEquals(taken ? 2 : 1, run(withX), "x form of opcode " + op);
    }

    @Test
    void jumpAlwaysSkipsForward() {
        assertEquals(9, run(prog().stmt(Bpf.JMP | Bpf.JA, 2).stmt(Bpf.RET | Bpf.K, 1).stmt(Bpf.RET | Bpf.K, 2)
                .stmt(Bpf.RET | Bpf.K, 9)));
    }

    @Test
    void registerTransfersCopyBetweenAAndX() {
        assertEquals(6, run(prog().stmt(Bpf.LD | Bpf.IMM, 3).stmt(Bpf.MISC | Bpf.TAX, 0)
                .stmt(Bpf.ALU | Bpf.ADD | Bpf.X, 0).stmt(RET_A, 0)));
        assertEquals(4, run(prog().stmt(Bpf.LDX | Bpf.W | Bpf.IMM, 4).stmt(Bpf.MISC | Bpf.TXA, 0).stmt(RET_A, 0)));
    }

    @Test
    void returnValuesAboveIntMaxReadAsIntMax() {
        assertEquals(Integer.MAX_VALUE, run(prog().stmt(Bpf.RET | Bpf.K, -1)));
        assertEquals(262144, run(prog().stmt(Bpf.RET | Bpf.K, 262144)));
        assertEquals(0, run(prog().stmt(Bpf.RET | Bpf.K, 0)));
    }

    @Test
    void ancillaryLoadsReadTheContextInEveryLoadSize() {
        context.protocol(0x0800).packetType(BpfContext.PACKET_OUTGOING).ifIndex(7).vlan(true, 0x2064, 0x8100);
        assertEquals(0x0800, ancillary(Bpf.W, Bpf.SKF_AD_PROTOCOL));
        assertEquals(BpfContext.PACKET_OUTGOING, ancillary(Bpf.H, Bpf.SKF_AD_PKTTYPE));
        assertEquals(7, ancillary(Bpf.B, Bpf.SKF_AD_IFINDEX));
        assertEquals(BpfContext.ARPHRD_ETHER, ancillary(Bpf.W, Bpf.SKF_AD_HATYPE));
        assertEquals(0x2064, ancillary(Bpf.B, Bpf.SKF_AD_VLAN_TAG));
        assertEquals(1, ancillary(Bpf.B, Bpf.SKF_AD_VLAN_TAG_PRESENT));
        assertEquals(0x8100, ancillary(Bpf.W, Bpf.SKF_AD_VLAN_TPID));
        context.vlan(false, 0x2064, 0x8100);
        assertEquals(0, ancillary(Bpf.B, Bpf.SKF_AD_VLAN_TAG_PRESENT));
        assertEquals(0, ancillary(Bpf.B, Bpf.SKF_AD_VLAN_TAG));
    }

    private int ancillary(int size, int item) {
        return run(prog().stmt(Bpf.LD | size | Bpf.ABS, Bpf.SKF_AD_OFF + item).stmt(RET_A, 0));
    }

    @Test
    void runRefusesFrameBoundsOutsideTheBuffer() {
        BpfInterpreter interpreter = new BpfInterpreter(BpfProgram.acceptAll(100));
        ByteBuffer buffer = ByteBuffer.allocate(10).limit(8);
        assertThrows(IndexOutOfBoundsException.class, () -> interpreter.run(context, buffer, 2, 7, 7));
        assertThrows(IndexOutOfBoundsException.class, () -> interpreter.run(context, buffer, -1, 2, 2));
        assertEquals(100, interpreter.run(context, buffer, 2, 6, 6));
    }

    @Test
    void verifierRejectsWhatTheRunLoopDoesNotCheck() {
        assertRejected("no instructions", prog());
        assertRejected("does not end in a return", prog().stmt(Bpf.LD | Bpf.IMM, 1));
        assertRejected("jumps backwards", prog().stmt(Bpf.LD | Bpf.IMM, 1).stmt(Bpf.JMP | Bpf.JA, -2)
                .stmt(Bpf.RET | Bpf.K, 0));
        assertRejected("past the end", prog().stmt(Bpf.JMP | Bpf.JA, 1).stmt(Bpf.RET | Bpf.K, 0));
        assertRejected("past the end", prog().jump(Bpf.JMP | Bpf.JEQ | Bpf.K, 0, 0, 1).stmt(Bpf.RET | Bpf.K, 0));
        assertRejected("unknown opcode 0xc4", prog().stmt(Bpf.ALU | 0xc0, 0).stmt(Bpf.RET | Bpf.K, 0));
        assertRejected("unknown opcode 0x0e", prog().stmt(Bpf.RET | Bpf.X, 0));
        assertRejected("unknown opcode 0x10", prog().stmt(Bpf.LD | Bpf.B | Bpf.IMM, 0).stmt(RET_A, 0));
        assertRejected("outside M[0..15]", prog().stmt(Bpf.ST, 16).stmt(Bpf.RET | Bpf.K, 0));
        assertRejected("outside M[0..15]", prog().stmt(Bpf.LDX | Bpf.MEM, -1).stmt(Bpf.RET | Bpf.K, 0));
        assertRejected("division by the constant 0", prog().stmt(Bpf.ALU | Bpf.MOD | Bpf.K, 0).stmt(RET_A, 0));
        assertRejected("shift by 32 bits", prog().stmt(Bpf.ALU | Bpf.LSH | Bpf.K, 32).stmt(RET_A, 0));
        assertRejected("SKF_AD_OFF+36 is not supported",
                prog().stmt(Bpf.LD | Bpf.W | Bpf.ABS, Bpf.SKF_AD_OFF + 36).stmt(RET_A, 0));
    }

    private static void assertRejected(String why, BpfProgram.Builder program) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BpfInterpreter(program.build()));
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }
}
