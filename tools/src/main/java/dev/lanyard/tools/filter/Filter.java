package dev.lanyard.tools.filter;

import java.nio.ByteBuffer;

/**
 * A capture filter in tcpdump syntax, ready to test frames: the expression compiled by libpcap and verified for the
 * interpreter. Immutable and shareable; {@link #matches(BpfContext, ByteBuffer, int, int, int)} with a per-thread
 * context is the allocation-free form for hot paths.
 */
public final class Filter {
    private static final BpfProgram ACCEPT_ALL = BpfProgram.acceptAll(BpfCompiler.DEFAULT_SNAPLEN);

    /** Matches every frame (no expression). */
    public static final Filter ALL = new Filter("", null);

    private static final ThreadLocal<BpfContext> CONTEXTS = ThreadLocal.withInitial(BpfContext::new);

    private final String expression;
    private final BpfInterpreter interpreter;

    private Filter(String expression, BpfInterpreter interpreter) {
        this.expression = expression;
        this.interpreter = interpreter;
    }

    /** Compiles an expression for Ethernet frames with tcpdump's default snaplen; null or blank gives {@link #ALL}. */
    public static Filter compile(String expression) throws FilterException {
        if (expression == null || expression.isBlank()) {
            return ALL;
        }
        BpfProgram program = BpfCompiler.compile(expression, BpfCompiler.DEFAULT_SNAPLEN);
        try {
            return new Filter(expression, new BpfInterpreter(program));
        } catch (IllegalArgumentException e) {
            throw new FilterException("bad filter " + BpfCompiler.quote(expression) + ": " + e.getMessage(), e);
        }
    }

    /** The expression as given, empty for {@link #ALL}. */
    public String expression() {
        return expression;
    }

    /** The compiled program; for {@link #ALL} the one-instruction program that accepts everything. */
    public BpfProgram program() {
        return interpreter == null ? ACCEPT_ALL : interpreter.program();
    }

    /** Whether the frame matches, with default packet metadata (see {@link BpfContext}). */
    public boolean matches(ByteBuffer frame, int offset, int capturedLength, int wireLength) {
        return interpreter == null || interpreter.run(CONTEXTS.get(), frame, offset, capturedLength, wireLength) != 0;
    }

    /** Whether the frame matches, with the caller's metadata and scratch memory; allocates nothing. */
    public boolean matches(BpfContext context, ByteBuffer frame, int offset, int capturedLength, int wireLength) {
        return interpreter == null || interpreter.run(context, frame, offset, capturedLength, wireLength) != 0;
    }

    /** The expression, or "all" for {@link #ALL}. */
    @Override
    public String toString() {
        return interpreter == null ? "all" : expression;
    }
}
