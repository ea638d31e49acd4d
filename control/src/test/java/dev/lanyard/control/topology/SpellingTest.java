package dev.lanyard.control.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpellingTest {
    @Test
    void distanceCountsEdits() {
        assertEquals(0, Spelling.distance("hosts", "hosts"));
        assertEquals(1, Spelling.distance("host", "hosts"));
        assertEquals(2, Spelling.distance("swtiches", "switches"));
        assertEquals(3, Spelling.distance("", "abc"));
    }

    @Test
    void hintsOnlyCloseWords() {
        List<String> keys = List.of("to", "via", "dev");
        assertEquals("", Spelling.hint("gw", keys));
        assertEquals(" (did you mean \"via\"?)", Spelling.hint("vi", keys));
        assertEquals(" (did you mean \"docker0\"?)", Spelling.hint("dokcer0", List.of("docker0", "wq")));
        assertEquals("", Spelling.hint("bridge0", List.of("docker0")));
    }
}
