import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Runs SQL statements in order on one DuckDB database and prints how long each took, with the
 * first rows of any result: for measuring DuckDB alone (what a stored column costs, a view's
 * query cost) outside an ingest.
 *
 * usage: java --enable-native-access=ALL-UNNAMED -cp analyzer/target/ior.jar bench/duck/DuckSql.java DB SQL...
 *   e.g. ... /tmp/t.duckdb "SET threads=1" "CREATE TABLE t AS SELECT range AS a FROM range(10000000)"
 */
public class DuckSql {
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: DuckSql DB SQL...");
            System.exit(2);
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + args[0]); Statement s = c.createStatement()) {
            for (int i = 1; i < args.length; i++) {
                long t0 = System.nanoTime();
                StringBuilder out = new StringBuilder();
                if (s.execute(args[i])) {
                    try (ResultSet r = s.getResultSet()) {
                        int n = r.getMetaData().getColumnCount(), rows = 0;
                        while (r.next() && rows++ < 5) {
                            for (int k = 1; k <= n; k++) out.append(r.getString(k)).append(k < n ? "|" : "; ");
                        }
                    }
                }
                String sql = args[i].length() > 90 ? args[i].substring(0, 90) + "..." : args[i];
                System.out.printf("%9.1f ms  %s  %s%n", (System.nanoTime() - t0) / 1e6, sql, out);
            }
        }
    }
}
