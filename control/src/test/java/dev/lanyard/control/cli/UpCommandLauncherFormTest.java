package dev.lanyard.control.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher's "up --notify FIFO [FILE]" made without picocli means exactly what picocli makes of it: every
 * option and parameter field of the command and its mixin, including any added later, holds the same value.
 */
class UpCommandLauncherFormTest {
    /** Each picocli-annotated field of the object and of its mixins, as "name=value". */
    private static List<String> options(Object command) throws IllegalAccessException {
        List<String> out = new ArrayList<>();
        for (Field f : command.getClass().getDeclaredFields()) {
            f.setAccessible(true);
            if (f.isAnnotationPresent(CommandLine.Mixin.class)) {
                out.addAll(options(f.get(command)));
            } else if (f.isAnnotationPresent(CommandLine.Option.class)
                    || f.isAnnotationPresent(CommandLine.Parameters.class)) {
                out.add(f.getName() + "=" + f.get(command));
            }
        }
        return out;
    }

    @Test
    void matchesPicocliWithAndWithoutAFile() throws Exception {
        for (List<String> args : List.of(List.of("up", "--notify", "/tmp/lanyard-up.x", "examples/star.yaml"),
                List.of("up", "--notify", "/tmp/lanyard-up.y"))) {
            UpCommand fast = UpCommand.launcherForm(args.toArray(String[]::new));
            assertNotNull(fast, args.toString());
            CommandLine cl = new CommandLine(new UpCommand());
            cl.parseArgs(args.subList(1, args.size()).toArray(String[]::new));
            List<String> expected = options(cl.getCommand());
            assertTrue(expected.size() >= 7, expected.toString());
            assertEquals(expected, options(fast), args.toString());
        }
    }

    @Test
    void leavesEveryOtherCommandLineToPicocli() {
        for (List<String> args : List.of(List.of("up"), List.of("up", "lab.yaml"), List.of("down", "--notify", "f"),
                List.of("up", "--notify", "f", "--busy-poll"), List.of("up", "--notify", "f", "--help"),
                List.of("up", "--notify", "f", "a.yaml", "b.yaml"), List.of("up", "--notify", "f", "--", "a.yaml"),
                List.of("up", "--notify", "--foreground"), List.of("up", "--notify", "f", ""),
                List.of("up", "--foreground", "--notify", "f"))) {
            assertNull(UpCommand.launcherForm(args.toArray(String[]::new)), args.toString());
        }
    }
}
