package ior.analyzer.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.*;

/** The REPL's views of a result (on real DuckDB results): row cap, width fit, line mode, escaping. */
class ResultPrinterTest {
    Connection c;

    @BeforeEach
    void open() throws Exception {
        c = DriverManager.getConnection("jdbc:duckdb:");
    }

    @AfterEach
    void close() throws Exception {
        c.close();
    }

    String print(String sql, ResultPrinter.Format f, ResultPrinter.Options o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql); PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            ResultPrinter.print(rs, f, out, o);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static ResultPrinter.Options opts(long maxRows, int width) {
        return new ResultPrinter.Options(maxRows, width, ResultPrinter.NULL, false, () -> false);
    }

    @Test
    void aCappedTableShowsTheFirstAndLastRowsAndCountsAll() throws Exception {
        String out = print("SELECT range AS i FROM range(100)", ResultPrinter.Format.table, opts(4, 0));
        assertEquals("i\n--\n 0\n 1\n·\n98\n99\n(100 rows, 4 shown; .maxrows to change)\n", out);
    }

    @Test
    void aWideTableIsFittedToTheTerminal() throws Exception {
        String out = print("SELECT repeat('x', 100) AS a, 7 AS b", ResultPrinter.Format.table, opts(0, 40));
        for (String line : out.split("\n")) assertTrue(line.length() <= 40 || line.startsWith("("), "too wide: " + line);
        assertTrue(out.contains("x…"), out);
        String many = print("SELECT " + "repeat('y', 10) AS c1, ".repeat(10) + "1 AS last", ResultPrinter.Format.table, opts(0, 40));
        assertTrue(many.contains("more columns not shown"), many);
    }

    @Test
    void lineModeAndNulls() throws Exception {
        String out = print("SELECT 1 AS one, NULL AS nothing UNION ALL SELECT 2, 'x' ORDER BY 1", ResultPrinter.Format.line, opts(0, 0));
        assertEquals("    one = 1\nnothing = NULL\n\n    one = 2\nnothing = x\n", out);
        String dim = print("SELECT NULL AS n, 'NULL' AS s", ResultPrinter.Format.table,
                new ResultPrinter.Options(0, 0, "NULL", true, () -> false));
        assertTrue(dim.contains("\033[2mNULL\033[0m | NULL"), "a real NULL differs from the string: " + dim);
    }

    @Test
    void everyFormatEscapesControls() throws Exception {
        String sql = "SELECT chr(27) || '[2J' || chr(10) || chr(8238) AS s";
        for (ResultPrinter.Format f : ResultPrinter.Format.values()) {
            String out = print(sql, f, ResultPrinter.Options.PLAIN);
            assertFalse(out.contains("\033") || out.contains("\u202e"), f + ": " + out);
        }
        assertEquals("\\x1b[2J\\n\\u202e", ResultPrinter.visible("\033[2J\n\u202e"));
    }
}
