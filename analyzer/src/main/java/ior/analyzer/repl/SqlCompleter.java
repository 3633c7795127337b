package ior.analyzer.repl;

import ior.analyzer.cli.ResultPrinter;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Tab in the REPL: dot command names and their arguments (modes, tables, files); in SQL, table
 * names after FROM/JOIN, file paths inside a 'string', else keywords, tables, columns and
 * functions. Names come from DuckDB's catalog ({@link Catalog}).
 */
final class SqlCompleter implements Completer {
    /** Words after which only a table (or table function) makes sense. */
    private static final Set<String> BEFORE_TABLE = Set.of("from", "join", "into", "table", "describe", "summarize", "update");

    private final Session session;

    SqlCompleter(Session session) {
        this.session = session;
    }

    @Override
    public void complete(LineReader reader, ParsedLine parsed, List<Candidate> out) {
        SqlLine.Words line = parsed instanceof SqlLine.Words w ? w : SqlLine.words(parsed.line(), parsed.cursor());
        String word = line.word();
        if (Session.isDotLine(line.line())) {
            dotCommand(line, word, out);
            return;
        }
        if (line.quoted()) {
            files(word, out);
            return;
        }
        boolean upper = !word.isEmpty() && Character.isUpperCase(word.charAt(0));
        Catalog c = session.catalog();
        for (String t : c.tables()) out.add(new Candidate(t, t, "tables", null, null, null, true));
        if (BEFORE_TABLE.contains(line.previous().toLowerCase(Locale.ROOT))) return;
        for (String col : c.columns()) out.add(new Candidate(col, col, "columns", null, null, null, true));
        for (String k : c.keywords()) {
            String v = upper ? k : k.toLowerCase(Locale.ROOT);
            out.add(new Candidate(v, v, "keywords", null, null, null, true));
        }
        for (String f : c.functions()) out.add(new Candidate(f, f, "functions", null, null, null, false));
    }

    private void dotCommand(SqlLine.Words line, String word, List<Candidate> out) {
        if (line.wordIndex() == 0) {
            for (DotCommand d : session.commands().all()) out.add(new Candidate(d.name(), d.name(), null, d.help(), null, null, true));
            return;
        }
        DotCommand d = session.commands().find(line.words().getFirst());
        if (d == null) return;
        if (d.args() == DotCommand.ArgCompletion.FILES) {
            files(word, out);
            return;
        }
        for (String w : d.args().words(session, line.wordIndex() - 1)) out.add(new Candidate(w, w, null, null, null, null, true));
    }

    /** Entries of the directory the typed path is in; directories end with '/' and keep completing. */
    static void files(String typed, List<Candidate> out) {
        int slash = typed.lastIndexOf('/');
        String dirPart = slash < 0 ? "" : typed.substring(0, slash + 1);
        String expanded = dirPart.startsWith("~/") ? System.getProperty("user.home") + dirPart.substring(1) : dirPart;
        Path dir = Path.of(expanded.isEmpty() ? "." : expanded);
        String prefix = typed.substring(slash + 1);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (!name.startsWith(prefix) || (name.startsWith(".") && !prefix.startsWith("."))) continue;
                boolean isDir = Files.isDirectory(p);
                String value = dirPart + name + (isDir ? "/" : "");
                out.add(new Candidate(value, ResultPrinter.visible(name) + (isDir ? "/" : ""), null, null, null, null, !isDir));
            }
        } catch (IOException | RuntimeException e) {
            // not a directory, or unreadable: nothing to offer
        }
    }
}
