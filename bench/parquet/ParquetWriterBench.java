import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.duckdb.DuckDBResultSet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Which Parquet writer should `ior export` use? Writes the same rows (the syscalls table of a
 * cache, as ParquetExport selects them: ORDER BY seq, zstd, 122,880-row row groups) with
 * DuckDB's COPY and with parquet-java, alternating, in one JVM, and prints wall time and size of
 * each. parquet-java gets its rows the fastest way it can from a DuckDB cache: DuckDB's Arrow
 * export stream, then a WriteSupport that reads the Arrow vectors directly (no per-row objects;
 * this is how parquet-avro/-protobuf drive it, minus their object models). The Arrow read alone
 * is timed too, so the writer's own share is visible; ior could also feed parquet-java straight
 * from the ingest's Arrow batches, and that share is the cost it would pay then.
 *
 * usage: java -cp ior.jar:PARQUET_CP bench/parquet/ParquetWriterBench.java TRACE OUTDIR ROUNDS
 * (bench/parquet-bench.sh sets it up)
 */
public class ParquetWriterBench {
    static final int ROW_GROUP_ROWS = 122_880;

    public static void main(String[] a) throws Exception {
        Path cache = ior.analyzer.db.TraceCache.ensure(Path.of(a[0]), false, (t, done, total) -> { });
        Path out = Path.of(a[1]);
        int rounds = a.length > 2 ? Integer.parseInt(a[2]) : 3;
        Files.createDirectories(out);
        String select = "SELECT 'bench.iortrace' AS trace, 'host' AS host, * FROM syscalls ORDER BY seq";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             BufferAllocator alloc = new RootAllocator()) {
            try (Statement st = c.createStatement()) {
                st.execute("ATTACH '" + cache.toAbsolutePath() + "' AS src (READ_ONLY)");
                st.execute("USE src");
            }
            long rows = one(c, "SELECT count(*) FROM syscalls");
            System.out.printf("rows %,d, duckdb threads %s%n", rows, str(c, "SELECT current_setting('threads')"));
            // warm both paths once (JIT, DuckDB buffer pool), untimed
            duck(c, select, out.resolve("warm-duck.parquet"));
            java(c, alloc, select, out.resolve("warm-java.parquet"));
            for (int r = 1; r <= rounds; r++) {
                long t0 = System.nanoTime();
                Path d = duck(c, select, out.resolve("duck.parquet"));
                long t1 = System.nanoTime();
                long[] split = java(c, alloc, select, out.resolve("java.parquet"));
                long t2 = System.nanoTime();
                long readOnly = arrowOnly(c, alloc, select);
                long t3 = System.nanoTime();
                System.out.printf("round %d: duckdb COPY %,d ms (%,d B) | parquet-java %,d ms (%,d B; %,d ms of it in the writer) | arrow read alone %,d ms%n",
                        r, (t1 - t0) / 1_000_000, Files.size(d), (t2 - t1) / 1_000_000,
                        Files.size(out.resolve("java.parquet")), split[0] / 1_000_000, (t3 - t2) / 1_000_000);
                if (readOnly != rows || split[1] != rows) throw new IllegalStateException("row counts differ: " + readOnly + " " + split[1]);
            }
            // both files hold the same rows (parquet-java's reader counts them, DuckDB compares them)
            long javaRows = count(out.resolve("java.parquet"));
            long duckRows = count(out.resolve("duck.parquet"));
            long diff = one(c, "SELECT count(*) FROM (SELECT * FROM read_parquet('" + out.resolve("duck.parquet")
                    + "') EXCEPT ALL SELECT * FROM read_parquet('" + out.resolve("java.parquet") + "'))");
            System.out.printf("check: parquet-java reader counts %,d (duckdb file) and %,d (parquet-java file); rows in one and not the other: %d%n",
                    duckRows, javaRows, diff);
        }
    }

    static Path duck(Connection c, String select, Path f) throws Exception {
        Files.deleteIfExists(f);
        try (Statement st = c.createStatement()) {
            st.execute("COPY (" + select + ") TO '" + f + "' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE " + ROW_GROUP_ROWS + ")");
        }
        return f;
    }

    /** Returns {ns spent in the parquet-java writer, rows written}. */
    static long[] java(Connection c, BufferAllocator alloc, String select, Path f) throws Exception {
        Files.deleteIfExists(f);
        long inWriter = 0, rows = 0;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(select);
             ArrowReader reader = (ArrowReader) ((DuckDBResultSet) rs).arrowExportStream(alloc, 65_536)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            ArrowWriteSupport ws = new ArrowWriteSupport(root);
            // parquet-java cuts row groups by bytes: size them to match DuckDB's 122,880 rows (about 5 MiB of encoded syscalls)
            try (ParquetWriter<Integer> w = new Builder(new LocalOutputFile(f), ws)
                    .withCompressionCodec(CompressionCodecName.ZSTD).withRowGroupSize(8L << 20)
                    .withDictionaryEncoding(true).build()) {
                while (reader.loadNextBatch()) {
                    long t = System.nanoTime();
                    int n = root.getRowCount();
                    for (int i = 0; i < n; i++) w.write(i);
                    inWriter += System.nanoTime() - t;
                    rows += n;
                }
                long t = System.nanoTime();
                w.close();
                inWriter += System.nanoTime() - t;
            }
        }
        return new long[] {inWriter, rows};
    }

    static long arrowOnly(Connection c, BufferAllocator alloc, String select) throws Exception {
        long rows = 0;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(select);
             ArrowReader reader = (ArrowReader) ((DuckDBResultSet) rs).arrowExportStream(alloc, 65_536)) {
            while (reader.loadNextBatch()) rows += reader.getVectorSchemaRoot().getRowCount();
        }
        return rows;
    }

    static long count(Path f) throws Exception {
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(f))) {
            return r.getRecordCount();
        }
    }

    static long one(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String str(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static final class Builder extends ParquetWriter.Builder<Integer, Builder> {
        private final WriteSupport<Integer> ws;

        Builder(OutputFile f, WriteSupport<Integer> ws) {
            super(f);
            this.ws = ws;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Integer> getWriteSupport(Configuration conf) {
            return ws;
        }
    }

    /** Writes row i of the current Arrow batch: the vectors are read in place. */
    static final class ArrowWriteSupport extends WriteSupport<Integer> {
        private final VectorSchemaRoot root;
        private final MessageType schema;
        private RecordConsumer rc;

        ArrowWriteSupport(VectorSchemaRoot root) {
            this.root = root;
            List<Type> fields = new ArrayList<>();
            for (FieldVector v : root.getFieldVectors()) {
                String n = v.getName();
                fields.add(switch (v) {
                    case BigIntVector x -> Types.optional(PrimitiveTypeName.INT64).named(n);
                    case IntVector x -> Types.optional(PrimitiveTypeName.INT32).named(n);
                    case SmallIntVector x -> Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(16, true)).named(n);
                    case BitVector x -> Types.optional(PrimitiveTypeName.BOOLEAN).named(n);
                    case Float8Vector x -> Types.optional(PrimitiveTypeName.DOUBLE).named(n);
                    case VarCharVector x -> Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(n);
                    case TimeStampVector x -> Types.optional(PrimitiveTypeName.INT64)
                            .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named(n);
                    default -> throw new IllegalArgumentException("column " + n + ": " + v.getClass().getSimpleName() + " not handled");
                });
            }
            schema = new MessageType("syscalls", fields);
        }

        @Override
        public WriteContext init(Configuration conf) {
            return new WriteContext(schema, new HashMap<>());
        }

        @Override
        public void prepareForWrite(RecordConsumer rc) {
            this.rc = rc;
        }

        @Override
        public void write(Integer row) {
            int i = row;
            List<FieldVector> vs = root.getFieldVectors();
            rc.startMessage();
            for (int k = 0; k < vs.size(); k++) {
                FieldVector v = vs.get(k);
                if (v.isNull(i)) continue;
                String n = v.getName();
                rc.startField(n, k);
                switch (v) {
                    case BigIntVector x -> rc.addLong(x.get(i));
                    case IntVector x -> rc.addInteger(x.get(i));
                    case SmallIntVector x -> rc.addInteger(x.get(i));
                    case BitVector x -> rc.addBoolean(x.get(i) != 0);
                    case Float8Vector x -> rc.addDouble(x.get(i));
                    case VarCharVector x -> rc.addBinary(Binary.fromConstantByteArray(x.get(i)));
                    case TimeStampVector x -> rc.addLong(x.get(i));
                    default -> throw new IllegalStateException();
                }
                rc.endField(n, k);
            }
            rc.endMessage();
        }
    }
}
