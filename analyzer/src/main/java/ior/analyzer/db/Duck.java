package ior.analyzer.db;

import ior.recorder.ExitCodes;
import ior.recorder.UserException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;

/**
 * Every DuckDB connection the analyzer opens. ior's jar leaves DuckDB's 70 MB native library
 * out and keeps it beside itself (analyzer/pom.xml), because from inside the jar DuckDB inflates
 * and writes a copy to /tmp on every start (~0.3 s of each command). A jar copied away from its
 * library would make DuckDB print a stack trace and fail; this says what is wrong in one line.
 */
public final class Duck {
    private Duck() {}

    private static volatile boolean checked;

    public static Connection connect(String url, Properties p) throws SQLException {
        if (!checked) checkNativeLibrary();
        return DriverManager.getConnection(url, p);
    }

    public static Connection connect(String url) throws SQLException {
        return connect(url, new Properties());
    }

    /** The check DuckDB's loader makes (a library inside its jar, else beside it), done quietly. */
    private static void checkNativeLibrary() {
        String name = libraryName();
        if (name == null || Duck.class.getResource("/" + name) != null) {
            checked = true;
            return;
        }
        Path dir;
        try {
            dir = Path.of(org.duckdb.DuckDBDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        } catch (Exception | Error e) {
            checked = true; // cannot tell where the driver lives: let DuckDB's own loader decide
            return;
        }
        if (dir != null && !Files.isReadable(dir.resolve(name)))
            throw new UserException(ExitCodes.ENVIRONMENT, "broken installation: DuckDB's native library " + dir.resolve(name)
                    + " is missing (it is built beside ior.jar and must stay with it; ./ior rebuilds it)");
        checked = true;
    }

    /** libduckdb_java.so_OS_ARCH as duckdb_jdbc names it, or null on a platform it has none for. */
    static String libraryName() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String o = os.startsWith("linux") ? "linux" : os.startsWith("mac") ? "macos" : os.startsWith("windows") ? "windows" : null;
        String a = switch (arch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> null;
        };
        return o == null || a == null ? null : "libduckdb_java.so_" + o + "_" + a;
    }
}
