package ior.analyzer.db;

import ior.analyzer.export.ExportLayout;
import ior.analyzer.ingest.Ingest;
import ior.analyzer.queries.QueryLibrary;
import ior.analyzer.table.Tables;
import ior.format.TraceReader;
import ior.recorder.ExitCodes;
import ior.recorder.TraceInput;
import ior.recorder.UserException;
import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * The tables of a trace live in a DuckDB file beside it (or in ~/.cache/ior when the trace's
 * directory is not writable), built on first open and reused while the trace and the analyzer's
 * schema are unchanged. A cache is built in a temp file and renamed into place, so a reader never
 * sees half of one.
 */
public final class TraceCache {
    private TraceCache() {}

    /** Identifies the analyzer build, so a cache made by other code is rebuilt (during development too). */
    static final String BUILD = buildId();

    private static String buildId() {
        try {
            var src = TraceCache.class.getProtectionDomain().getCodeSource();
            if (src == null) return "unknown";
            Path p = Path.of(src.getLocation().toURI());
            if (Files.isDirectory(p)) p = p.resolve("ior/analyzer/ingest/Ingest.class");
            return Long.toString(Files.getLastModifiedTime(p).toMillis());
        } catch (Exception e) {
            return "unknown";
        }
    }

    /** Reports ingest progress: (trace, bytes done, bytes total). */
    public interface Progress {
        void update(Path trace, long done, long total);
    }

    public static Path cachePath(Path trace) {
        Path abs = trace.toAbsolutePath().normalize();
        Path dir = abs.getParent();
        // beside the trace, unless others may write there too (/tmp): they could plant a cache or a
        // symlink at the name we are about to write
        if (dir != null && Files.isWritable(dir) && !othersMayWrite(dir)) return abs.resolveSibling(abs.getFileName() + ".duckdb");
        String base = System.getenv("XDG_CACHE_HOME");
        Path cacheDir = (base != null && !base.isEmpty() ? Path.of(base) : Path.of(System.getProperty("user.home"), ".cache")).resolve("ior");
        return cacheDir.resolve(sha(abs.toString()).substring(0, 16) + "-" + abs.getFileName() + ".duckdb");
    }

    static boolean othersMayWrite(Path dir) {
        try {
            return Files.getPosixFilePermissions(dir).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE);
        } catch (IOException | UnsupportedOperationException e) {
            return true;
        }
    }

    /** Ensures the cache of trace is current (building it if needed) and returns its path. */
    public static Path ensure(Path trace, boolean rebuild, Progress progress) {
        TraceInput.check(trace);
        Path cache = cachePath(trace);
        String stamp = stamp(trace);
        if (!rebuild && Files.exists(cache) && stamp.equals(readStamp(cache))) return cache;
        // One builder per cache, across processes: the others wait here, then find it current.
        try (FileChannel lock = lockFile(cache); FileLock held = lock.lock()) {
            if (!rebuild && Files.exists(cache) && stamp.equals(readStamp(cache))) return cache;
            removeStaleTemps(cache);
            build(trace, cache, stamp, progress);
        } catch (IOException e) {
            throw new UserException(ExitCodes.WRITE_ERROR, "cannot lock the cache " + cache + ": " + e.getMessage());
        }
        return cache;
    }

    /** The lock beside the cache (a file of its own: the cache itself is replaced by rename). */
    private static FileChannel lockFile(Path cache) throws IOException {
        prepareDirectory(cache);
        Path lock = cache.resolveSibling(cache.getFileName() + ".lock");
        try {
            return FileChannel.open(lock, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), OWNER_ONLY);
        } catch (FileAlreadyExistsException e) {
            return FileChannel.open(lock, StandardOpenOption.WRITE);
        }
    }

    /** Temp files of builds that were killed (only the lock holder builds, so any left are dead). */
    private static void removeStaleTemps(Path cache) throws IOException {
        String prefix = cache.getFileName() + ".tmp-";
        try (var files = Files.list(cache.getParent())) {
            for (Path p : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) deleteTree(p);
        }
    }

    /** What makes a cache current: trace size and mtime, the schema version and the analyzer version. */
    static String stamp(Path trace) {
        try {
            return Files.size(trace) + ":" + Files.getLastModifiedTime(trace).toMillis() + ":schema" + Tables.SCHEMA_VERSION + ":build" + BUILD;
        } catch (IOException e) {
            throw new UserException(ExitCodes.BAD_INPUT, trace + ": cannot read: " + e.getMessage());
        }
    }

    static String readStamp(Path cache) {
        try (Connection c = open(cache, true); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT value FROM _ior_cache WHERE key = 'stamp'")) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException | RuntimeException e) {
            return null; // unreadable or from another version: rebuild
        }
    }

    private static final FileAttribute<?> OWNER_ONLY = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    /** The private cache directory (~/.cache/ior) is made 0700; a trace's own directory is left alone. */
    private static void prepareDirectory(Path cache) {
        try {
            Path dir = cache.getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            } else if (othersMayWrite(dir)) {
                throw new UserException(ExitCodes.WRITE_ERROR, "cache directory " + dir + " is writable by others: make it private (chmod 700 "
                        + dir + ") or set XDG_CACHE_HOME");
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new UserException(ExitCodes.WRITE_ERROR, "cannot create cache directory " + cache.getParent() + ": " + e.getMessage());
        }
    }

    private static void build(Path trace, Path cache, String stamp, Progress progress) {
        // built in a private (0700) directory beside the cache: DuckDB creates its files with the
        // umask's mode, and half a cache must not be readable by others meanwhile
        Path tmpDir = cache.resolveSibling(cache.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        Path tmp = tmpDir.resolve("tables.duckdb");
        // Ctrl-C or kill mid-build: the temp files go, the cache was never renamed into place
        Thread cleaner = new Thread(() -> cleanup(tmpDir), "ior-cache-cleanup");
        Runtime.getRuntime().addShutdownHook(cleaner);
        try {
            buildInto(trace, cache, tmpDir, tmp, stamp, progress);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cleaner);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    private static void buildInto(Path trace, Path cache, Path tmpDir, Path tmp, String stamp, Progress progress) {
        String memory = MemoryLimit.fromEnv("IOR_INGEST_MEMORY", DEFAULT_INGEST_MEMORY);
        try {
            deleteTree(tmpDir);
            Files.createDirectory(tmpDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            try (TraceReader reader = TraceInput.open(trace);
                 DuckDBConnection conn = (DuckDBConnection) open(tmp, false)) {
                long total = reader.fileSize();
                LongConsumer p = done -> progress.update(trace, done, total);
                try (Statement st = conn.createStatement()) {
                    // a trace larger than RAM: DuckDB's memory is capped and spills into the
                    // private build directory, which goes with the build
                    st.execute("SET memory_limit = '" + memory + "'");
                    st.execute("SET temp_directory = '" + tmpDir.resolve("spill").toString().replace("'", "''") + "'");
                    // the ingest reads the trace through Arrow, never a file of DuckDB's own
                    st.execute("SET enable_external_access = false");
                }
                new Ingest().run(reader, conn, p);
                try (Statement st = conn.createStatement()) {
                    st.execute("CREATE TABLE _ior_cache(key VARCHAR, value VARCHAR)");
                    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO _ior_cache VALUES (?, ?)")) {
                        ps.setString(1, "stamp");
                        ps.setString(2, stamp);
                        ps.execute();
                        ps.setString(1, "trace");
                        ps.setString(2, trace.toAbsolutePath().toString());
                        ps.execute();
                        ps.setString(1, "ingest.memory_limit");
                        ps.setString(2, memory);
                        ps.execute();
                    }
                    long t0 = System.nanoTime();
                    st.execute("CHECKPOINT");
                    if (System.getenv("IOR_TIMING") != null) System.err.printf("checkpoint %.1f ms%n", (System.nanoTime() - t0) / 1e6);
                }
            }
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            try {
                Files.move(tmp, cache, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, cache, StandardCopyOption.REPLACE_EXISTING);
            }
            deleteTree(tmpDir);
        } catch (UserException e) {
            cleanup(tmpDir);
            throw e;
        } catch (SQLException e) {
            cleanup(tmpDir);
            if (MemoryLimit.isOutOfMemory(e)) throw outOfMemory(trace, memory, e);
            throw new UserException(ExitCodes.FAILURE, "building the tables of " + trace + " failed: " + e.getMessage(), e);
        } catch (Exception e) {
            cleanup(tmpDir);
            if (MemoryLimit.isOutOfMemory(e)) throw outOfMemory(trace, memory, e);
            if (e instanceof IOException io && io.getMessage() != null && io.getMessage().contains("No space"))
                throw new UserException(ExitCodes.WRITE_ERROR, "disk full writing the cache " + cache, e);
            if (e instanceof RuntimeException r) throw r;
            throw new UserException(ExitCodes.FAILURE, "building the tables of " + trace + " failed: " + e, e);
        }
    }

    /**
     * DuckDB's memory during a build: its own default (80 % of RAM) let the build's memory grow
     * with the trace (~11 B a syscall); capped, it stays flat and a trace larger than RAM
     * ingests (docs/benchmarks.md#memory). IOR_INGEST_MEMORY changes the cap.
     */
    static final String DEFAULT_INGEST_MEMORY = "1GB";

    private static UserException outOfMemory(Path trace, String memory, Exception e) {
        return new UserException(ExitCodes.FAILURE, "building the tables of " + trace + " needs more memory than its cap of "
                + memory + ": raise it with IOR_INGEST_MEMORY (e.g. IOR_INGEST_MEMORY=4GB)", e);
    }

    private static void cleanup(Path tmpDir) {
        try {
            deleteTree(tmpDir);
        } catch (IOException ignored) {
            // best effort: the next build sweeps it
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (var s = Files.list(p)) {
                for (Path c : s.toList()) deleteTree(c);
            }
        }
        Files.deleteIfExists(p);
    }

    public static Connection open(Path db, boolean readOnly) throws SQLException {
        Properties p = new Properties();
        if (readOnly) p.setProperty("duckdb.read_only", "true");
        return Duck.connect("jdbc:duckdb:" + db.toAbsolutePath(), p);
    }

    /**
     * A connection that sees the tables of all inputs: one trace's cache opened read-only, or,
     * for several inputs or any Parquet export (ior export), an in-memory database with each cache
     * attached read-only, each export read in place, and views that add `trace` and `host` columns.
     * Either way the shared macros of the query library (queries/macros.sql) are installed as TEMP
     * macros.
     */
    public static Connection connect(List<Path> inputs, boolean rebuild, Progress progress) throws SQLException {
        return connect(inputs, rebuild, progress, List.of());
    }

    /**
     * As {@link #connect(List, boolean, Progress)}, with SET statements a command needs (memory
     * limits, a spill directory) run before the configuration is locked.
     */
    public static Connection connect(List<Path> inputs, boolean rebuild, Progress progress, List<String> settings) throws SQLException {
        Connection c = connectTables(inputs, rebuild, progress, settings);
        try {
            QueryLibrary.installMacros(c);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private static Connection connectTables(List<Path> inputs, boolean rebuild, Progress progress, List<String> settings) throws SQLException {
        List<ExportLayout> exports = new ArrayList<>();
        List<Path> caches = new ArrayList<>();
        for (Path in : inputs) {
            if (ExportLayout.isExport(in)) {
                exports.add(ExportLayout.read(in));
                caches.add(null);
            } else if (Files.isDirectory(in)) {
                throw new UserException(ExitCodes.BAD_INPUT, in + ": is a directory, neither a trace file nor an ior export (no " + ExportLayout.MARKER + ")");
            } else {
                exports.add(null);
                caches.add(ensure(in, rebuild, progress));
            }
        }
        if (inputs.size() == 1 && caches.getFirst() != null) return lockDown(open(caches.getFirst(), true), List.of(), settings);
        Connection c = Duck.connect("jdbc:duckdb:");
        try (Statement st = c.createStatement()) {
            for (int i = 0; i < inputs.size(); i++)
                if (caches.get(i) != null)
                    st.execute("ATTACH '" + caches.get(i).toString().replace("'", "''") + "' AS t" + i + " (READ_ONLY)");
            for (var def : Tables.ALL) {
                List<String> parts = new ArrayList<>();
                for (int i = 0; i < inputs.size(); i++) {
                    ExportLayout ex = exports.get(i);
                    if (ex != null) {
                        if (ex.has(def.name())) parts.add(ex.selectSql(def.name()));
                        continue;
                    }
                    String name = inputs.get(i).getFileName().toString().replace("'", "''");
                    parts.add("SELECT '" + name + "' AS trace, (SELECT value FROM t" + i + ".trace_info WHERE key = 'host.name') AS host, * FROM t"
                            + i + '.' + def.name());
                }
                if (parts.isEmpty()) continue; // exported without this table
                st.execute("CREATE VIEW " + def.name() + " AS " + String.join(" UNION ALL BY NAME ", parts));
            }
        }
        List<Path> exportDirs = new ArrayList<>();
        for (ExportLayout ex : exports) if (ex != null) exportDirs.add(ex.dir());
        return lockDown(c, exportDirs, settings);
    }

    /**
     * Queries on trace data need their tables and nothing else: no files, no network, no
     * extensions installed or loaded on the fly, and no SET that would give any of it back. The
     * caches of several traces are attached before this.
     */
    static Connection lockDown(Connection c) throws SQLException {
        return lockDown(c, List.of(), List.of());
    }

    /** As {@link #lockDown(Connection)}, but the Parquet exports being read stay readable (and nothing else). */
    static Connection lockDown(Connection c, List<Path> readableDirs, List<String> settings) throws SQLException {
        try (Statement st = c.createStatement()) {
            // results stream as the query produces them (ior sql, ior print): set before the lock
            st.execute("SET jdbc_stream_results = true");
            for (String set : settings) st.execute(set);
            if (!readableDirs.isEmpty()) {
                StringBuilder dirs = new StringBuilder("SET allowed_directories = [");
                for (int i = 0; i < readableDirs.size(); i++)
                    dirs.append(i > 0 ? ", " : "").append('\'').append(readableDirs.get(i).toAbsolutePath().normalize().toString().replace("'", "''")).append("/'");
                st.execute(dirs.append(']').toString());
            }
            st.execute("SET autoinstall_known_extensions = false");
            st.execute("SET autoload_known_extensions = false");
            st.execute("SET enable_external_access = false");
            st.execute("SET lock_configuration = true");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private static String sha(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            return Integer.toHexString(s.hashCode());
        }
    }
}
