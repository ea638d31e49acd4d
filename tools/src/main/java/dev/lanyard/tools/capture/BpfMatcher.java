package dev.lanyard.tools.capture;

import dev.lanyard.dataplane.tap.FrameMatcher;
import dev.lanyard.tools.filter.BpfContext;
import dev.lanyard.tools.filter.Filter;
import dev.lanyard.tools.filter.FilterException;

import java.nio.ByteBuffer;

/**
 * A tcpdump-syntax {@link Filter} as the dataplane's {@link FrameMatcher}: each worker gets its own instance with its
 * own {@link BpfContext} (scratch memory), so matching allocates nothing and shares nothing.
 */
public final class BpfMatcher implements FrameMatcher {
    private final Filter filter;
    private final BpfContext context = new BpfContext();

    private BpfMatcher(Filter filter) {
        this.filter = filter;
    }

    /** The matcher of a filter; {@link Filter#ALL} gives {@link FrameMatcher#ALL}, which runs no program. */
    public static FrameMatcher of(Filter filter) {
        return filter == Filter.ALL ? FrameMatcher.ALL : new BpfMatcher(filter);
    }

    /** Compiles an expression (null or blank matches everything). */
    public static FrameMatcher compile(String expression) throws FilterException {
        return of(Filter.compile(expression));
    }

    /** The filter. */
    public Filter filter() {
        return filter;
    }

    @Override
    public boolean matches(ByteBuffer frame, int offset, int capturedLength, int wireLength) {
        return filter.matches(context, frame, offset, capturedLength, wireLength);
    }

    @Override
    public FrameMatcher forThread() {
        return new BpfMatcher(filter);
    }

    @Override
    public String toString() {
        return filter.toString();
    }
}
