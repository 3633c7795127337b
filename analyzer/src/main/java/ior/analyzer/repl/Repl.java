package ior.analyzer.repl;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

import java.nio.file.Path;

/**
 * The interactive loop on a terminal: JLine reads a statement (line editing, history saved to a
 * file as each entry is made, Tab completion, a continuation prompt until ';'), the session runs
 * it. Ctrl-C while typing drops the line; while a query runs it cancels the query; Ctrl-D on an
 * empty line leaves.
 */
public final class Repl {
    static final String PROMPT = "ior> ";
    static final String CONTINUATION = " ...> ";

    private Repl() {}

    public static void run(Session session, Terminal terminal, Path history) {
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, sig -> session.cancel());
        session.width(terminal::getWidth);
        LineReaderBuilder builder = LineReaderBuilder.builder()
                .appName("ior")
                .terminal(terminal)
                .parser(new SqlLine())
                .completer(new SqlCompleter(session))
                .variable(LineReader.HISTORY_FILE_SIZE, 10_000)
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION)
                .variable(LineReader.INDENTATION, 0)
                // '!' is SQL (a != b), not a history event
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.CASE_INSENSITIVE, true)
                .option(LineReader.Option.HISTORY_IGNORE_DUPS, true)
                .option(LineReader.Option.INSERT_BRACKET, false);
        if (history != null) builder.variable(LineReader.HISTORY_FILE, history);
        LineReader reader = builder.build();
        try {
            while (!session.quitRequested()) {
                String input;
                try {
                    input = reader.readLine(PROMPT);
                } catch (UserInterruptException e) {
                    continue; // Ctrl-C while typing: start over, like psql and the DuckDB shell
                } catch (EndOfFileException e) {
                    break;
                }
                if (input.isBlank()) continue;
                session.run(input);
                terminal.flush();
            }
        } finally {
            try {
                reader.getHistory().save();
            } catch (java.io.IOException e) {
                session.err().println("ior: warning: history not saved to " + history + ": " + e.getMessage());
            }
            terminal.handle(Terminal.Signal.INT, previous);
        }
    }
}
