package dev.lanyard.control.reconcile;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The ordered actions that take the system from what exists to what is wanted.
 *
 * @param actions the actions, to be run in order
 */
public record Plan(List<Action> actions) {
    /** Copies the list. */
    public Plan {
        actions = List.copyOf(actions);
    }

    /** Whether there is nothing to do. */
    public boolean isEmpty() {
        return actions.isEmpty();
    }

    /** One iproute2-style command a line, for {@code --dry-run}; empty for an empty plan. */
    public String render() {
        return actions.stream().map(Action::render).collect(Collectors.joining("\n"));
    }

    @Override
    public String toString() {
        return render();
    }
}
