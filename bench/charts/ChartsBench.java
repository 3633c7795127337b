import ior.analyzer.chart.ChartPresets;
import ior.analyzer.chart.Charts;
import ior.analyzer.chart.TabularData;
import ior.analyzer.flame.FlameGraph;
import ior.analyzer.flame.FlameQuery;
import ior.analyzer.flame.FlameSvg;
import ior.analyzer.flame.FlameWeight;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

/**
 * Charts and flame graphs over a syscalls table of N rows (a synthetic table with the columns
 * they read, made in DuckDB), to see that they scale: the work is in DuckDB's GROUP BY, Java sees
 * one row per stack or per chart cell. Prints one line per step: wall ms, rows back, output size,
 * heap used after a GC.
 *
 * usage: java -cp analyzer/target/ior.jar bench/charts/ChartsBench.java N FILES OUTDIR
 */
public class ChartsBench {
    public static void main(String[] a) throws Exception {
        long n = Long.parseLong(a[0]);
        long files = Long.parseLong(a[1]);
        Path out = Path.of(a[2]);
        Files.createDirectories(out);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            long t = System.nanoTime();
            // 40 processes, 12 syscalls; each process works on its own FILES/40 files (100 top
            // directories, 1000 below them), a fifth of the calls have no path (pipes)
            st.execute("CREATE MACRO h(x) AS (hash(x) % 4294967296)::BIGINT");
            st.execute("CREATE TABLE syscalls AS SELECT i AS seq, 1700000000000000000 + i * 1000 + (h(i) % 500) AS time_ns, "
                    + "'proc' || (h(i * 3) % 40) AS comm, (h(i * 3) % 40)::INT AS pid, (h(i * 3) % 40)::INT AS tid, "
                    + "['read','write','openat','close','fstat','pread64','pwrite64','fsync','lseek','mmap','getdents64','futex'][1 + h(i * 7) % 12] AS syscall, "
                    + "(h(i * 7) % 12)::INT AS nr, ['FS','FS','FS','FS','FS','FS','FS','FS','FS','Memory','FS','IPC'][1 + h(i * 7) % 12] AS family, "
                    + "CASE WHEN h(i * 11) % 5 = 0 THEN NULL ELSE (SELECT '/data/d' || (f % 100) || '/s' || (f % 1000) || '/file' || f "
                    + "  FROM (SELECT (h(i * 3) % 40) * " + Math.max(1, files / 40) + " + h(i * 13) % " + Math.max(1, files / 40) + " AS f)) END AS file, "
                    + "CASE WHEN h(i * 11) % 5 = 0 THEN 'pipe' ELSE 'file' END AS fd_kind, "
                    + "CASE WHEN h(i * 7) % 12 IN (0, 1, 5, 6) THEN (h(i * 17) % 65536)::BIGINT END AS bytes, "
                    + "(200 + h(i * 19) % 100000)::BIGINT AS latency_ns, (h(i * 23) % 1000000)::BIGINT AS gap_ns, "
                    + "h(i * 29) % 1000 = 0 AS is_error, CASE WHEN h(i * 29) % 1000 = 0 THEN 'ENOENT' END AS errno "
                    + "FROM range(" + n + ") r(i)");
            st.execute("CREATE TABLE syscall_table AS SELECT range::INT AS nr, ['bytes_read','bytes_written','new_fd','status','status','bytes_read','bytes_written','status','offset','address','bytes_read','status'][1 + range] AS returns FROM range(12)");
            line("make table", t, n, 0);

            for (FlameWeight w : FlameWeight.values()) {
                t = System.nanoTime();
                FlameGraph g = FlameQuery.build(c, w, null, false);
                line("flame build " + w.cliName(), t, g.total(), 0);
                if (w == FlameWeight.BYTES || w == FlameWeight.COUNT) {
                    t = System.nanoTime();
                    Path folded = out.resolve("folded-" + w.cliName() + ".txt");
                    try (BufferedWriter bw = Files.newBufferedWriter(folded)) {
                        g.writeFolded(bw);
                    }
                    line("folded " + w.cliName(), t, Files.lines(folded).count(), Files.size(folded));
                    t = System.nanoTime();
                    String svg = FlameSvg.document(g, FlameSvg.Options.of(w));
                    Files.writeString(out.resolve("flame-" + w.cliName() + ".svg"), svg);
                    line("flame svg " + w.cliName(), t, svg.split("class=\"f\"", -1).length - 1, svg.length());
                }
            }
            for (String p : List.of("latency-heatmap", "latency-histogram", "syscall-rate", "throughput-by-file", "top-files")) {
                t = System.nanoTime();
                TabularData d = Charts.query(c, ChartPresets.get(p).sql(null));
                line("query " + p, t, d.rowCount(), 0);
                t = System.nanoTime();
                String svg = Charts.svg(ChartPresets.get(p).spec(), d);
                Files.writeString(out.resolve(p + ".svg"), svg);
                line("svg " + p, t, d.rowCount(), svg.length());
                t = System.nanoTime();
                byte[] png = Charts.png(ChartPresets.get(p).spec(), d);
                Files.write(out.resolve(p + ".png"), png);
                line("png " + p, t, d.rowCount(), png.length);
            }
        }
    }

    static void line(String what, long t0, long rows, long bytes) {
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.gc();
        long heap = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
        System.out.printf("%-28s %8d ms  %12d rows/frames  %10d bytes  heap %5d MiB%n", what, ms, rows, bytes, heap);
    }
}
