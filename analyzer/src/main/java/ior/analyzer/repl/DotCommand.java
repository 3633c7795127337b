package ior.analyzer.repl;

import java.util.List;

/**
 * One dot command of the REPL: its name (with the dot), a usage line, a help text, what runs it
 * and how its arguments complete. {@link DotCommands} holds them all; adding a command is adding
 * one of these (the DuckDB shell keeps its commands in one table the same way).
 *
 * @param name    ".tables"
 * @param usage   the arguments, as shown by .help (".schema [TABLE]" shows "[TABLE]")
 * @param help    one line for .help
 * @param handler what it does
 * @param args    candidates for Tab on its arguments
 */
public record DotCommand(String name, String usage, String help, Handler handler, ArgCompletion args) {
    public DotCommand {
        if (!name.matches("\\.[a-z][a-z0-9_]*")) throw new IllegalArgumentException("bad dot command name " + name);
    }

    @FunctionalInterface
    public interface Handler {
        /** Runs the command with its arguments (already split, quotes removed). */
        void run(Session session, List<String> args) throws Exception;
    }

    /** Completion of a command's arguments. */
    @FunctionalInterface
    public interface ArgCompletion {
        ArgCompletion NONE = (s, i) -> List.of();
        /** Marker: the arguments are file paths. */
        ArgCompletion FILES = (s, i) -> List.of();

        /** The words the argument at index i (0 is the first after the name) can be. */
        List<String> words(Session session, int index);

        static ArgCompletion of(String... words) {
            List<String> w = List.of(words);
            return (s, i) -> i == 0 ? w : List.of();
        }
    }

    /** A wrong use of a command: printed as "Error: message" with the command's usage. */
    public static final class UsageError extends Exception {
        public UsageError(String message) {
            super(message);
        }
    }
}
