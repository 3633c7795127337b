package ior.analyzer.queries;

import ior.analyzer.db.SqlText;
import ior.recorder.ExitCodes;
import ior.recorder.UserException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The canned analyses: the .sql files of the top-level queries/ folder, packaged into the
 * analyzer jar under ior/queries/ (so `ior` finds them wherever it runs), plus macros.sql, the
 * DuckDB macros they share, installed as TEMP macros on every connection ior hands out.
 */
public final class QueryLibrary {
    private QueryLibrary() {}

    /** Resource folder of the library inside the jar. */
    public static final String ROOT = "/ior/queries";
    /** The shared macros (not a query). */
    public static final String MACROS = "macros.sql";

    private static volatile List<CannedQuery> all;
    private static volatile String macros;

    /** Every query, sorted by name. */
    public static List<CannedQuery> all() {
        List<CannedQuery> a = all;
        if (a == null) all = a = load();
        return a;
    }

    public static Optional<CannedQuery> find(String name) {
        String n = normalize(name);
        for (CannedQuery q : all()) if (q.name().equals(n)) return Optional.of(q);
        return Optional.empty();
    }

    /** The query called name, or a UserException(USAGE) that suggests close names. */
    public static CannedQuery get(String name) {
        return find(name).orElseThrow(() -> {
            String n = normalize(name);
            String leaf = n.substring(n.lastIndexOf('/') + 1);
            List<String> close = all().stream().map(CannedQuery::name)
                    .filter(q -> q.endsWith("/" + leaf) || q.contains(leaf) || (leaf.length() >= 3 && q.contains(leaf.substring(0, 3))))
                    .limit(5).toList();
            return new UserException(ExitCodes.USAGE, "no canned query '" + name + "'"
                    + (close.isEmpty() ? "" : "; did you mean " + String.join(", ", close) + "?")
                    + " (ior query --list shows them all)");
        });
    }

    /** Accepts "io/x", "io/x.sql" and "queries/io/x.sql". */
    static String normalize(String name) {
        String n = name.strip();
        if (n.startsWith("queries/")) n = n.substring("queries/".length());
        if (n.endsWith(".sql")) n = n.substring(0, n.length() - 4);
        return n;
    }

    /** The text of macros.sql. */
    public static String macrosSql() {
        String m = macros;
        if (m == null) macros = m = read(ROOT + "/" + MACROS);
        return m;
    }

    /**
     * Creates the shared macros as TEMP macros on c: they live in the connection's temp
     * catalog, so they work on a read-only database and beside any number of ATTACHed ones.
     */
    public static void installMacros(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String stmt : SqlText.split(macrosSql()).all()) st.execute(stmt);
        }
    }

    private static String read(String resource) {
        try (var in = QueryLibrary.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("resource " + resource + " is missing from the ior jar (build problem)");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<CannedQuery> load() {
        URL anchor = QueryLibrary.class.getResource(ROOT + "/" + MACROS);
        if (anchor == null) throw new IllegalStateException("resource " + ROOT + "/" + MACROS + " is missing from the ior jar (build problem)");
        try {
            URI uri = anchor.toURI();
            if (uri.getScheme().equals("jar")) {
                FileSystem fs;
                boolean mine = false;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                    mine = true;
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                try {
                    return loadFrom(fs.getPath(ROOT));
                } finally {
                    if (mine) fs.close();
                }
            }
            return loadFrom(Path.of(uri).getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses every .sql file under dir except macros.sql. */
    public static List<CannedQuery> loadFrom(Path dir) throws IOException {
        List<CannedQuery> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (rel.equals(MACROS)) continue;
                out.add(CannedQuery.parse(rel.substring(0, rel.length() - 4), Files.readString(p)));
            }
        }
        out.sort(Comparator.comparing(CannedQuery::name));
        return List.copyOf(out);
    }
}
