package ior.analyzer.repl;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The words the REPL sees: dot-command arguments and the word being completed. */
class ReplWordsTest {
    @Test
    void dotCommandWordsHonourQuotes() {
        assertEquals(List.of(".output", "my file.csv"), Session.words(".output 'my file.csv'"));
        assertEquals(List.of(".run", "top", "n=5"), Session.words("  .run top   n=5 "));
    }

    @Test
    void completionSeesTheWordBeingTyped() {
        SqlLine.Words w = SqlLine.words("SELECT * FROM proc", 18);
        assertEquals("proc", w.word());
        assertEquals("FROM", w.previous());
        SqlLine.Words q = SqlLine.words("SELECT * FROM read_csv('/tm", 27);
        assertTrue(q.quoted());
        assertEquals("/tm", q.word());
        SqlLine.Words after = SqlLine.words("SELECT a, ", 10);
        assertEquals("", after.word());
    }
}
