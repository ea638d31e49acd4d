package dev.lanyard.tools.trace;

/**
 * One step of a trace, for text and JSON alike.
 *
 * @param step    "decode", "learn", "lookup", "action" or "time"
 * @param outcome a short key: "ok", "runt", "new", "refresh", "move", "refused-table-full", "hit", "miss", "output",
 *                "flood", "drop", ...
 * @param text    the step explained in a sentence, as the text rendering prints it
 */
public record TraceStep(String step, String outcome, String text) {
}
