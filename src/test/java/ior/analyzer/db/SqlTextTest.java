package ior.analyzer.db;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Where statements end: the REPL runs on Enter only when this says the input is finished; ior query and the library split with it. */
class SqlTextTest {
    @Test
    void splitsAtSemicolonsOutsideQuotesAndComments() {
        SqlText.Split s = SqlText.split("SELECT 'a;b', \"c;d\" FROM t; -- x; y\nSELECT /* ; */ 2; SELECT $$;$$, $q$;$q$;");
        assertEquals(List.of("SELECT 'a;b', \"c;d\" FROM t", "-- x; y\nSELECT /* ; */ 2", "SELECT $$;$$, $q$;$q$"), s.statements());
        assertEquals("", s.rest());
    }

    @Test
    void unfinishedInputKeepsTheRest() {
        assertFalse(SqlText.isComplete("SELECT 1"));
        assertFalse(SqlText.isComplete("SELECT 'it''s;"));
        assertFalse(SqlText.isComplete("SELECT 1; SELECT /* open"));
        assertTrue(SqlText.isComplete("SELECT 'it''s';"));
        assertTrue(SqlText.isComplete("SELECT 1; -- trailing comment"));
        assertTrue(SqlText.isComplete("   "));
        assertEquals("SELECT 2", SqlText.split("SELECT 1;\nSELECT 2").rest());
        assertEquals(List.of("SELECT 1", "SELECT 2"), SqlText.split("SELECT 1;\nSELECT 2").all());
    }
}
