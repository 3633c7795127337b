package ior.analyzer.ingest;

import ior.analyzer.db.DuckLoader;
import ior.analyzer.db.QueueReader;
import ior.analyzer.table.TableDef;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.vector.VectorSchemaRoot;
import ior.analyzer.model.SyscallView;
import ior.analyzer.pair.CallView;
import ior.analyzer.pair.Pairing;
import ior.analyzer.table.BatchBuilder;
import ior.analyzer.table.SyscallSql;
import ior.analyzer.table.Tables;
import ior.format.RecordCursor;
import ior.format.Records;
import ior.format.Snapshot;
import ior.format.TraceFormat;
import ior.format.TraceReader;
import ior.syscalls.Syscall;
import ior.syscalls.SyscallTable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.duckdb.DuckDBConnection;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Replays one trace into the analyzer's tables in a DuckDB database: reader -> pairing -> fd state
 * -> Arrow batches -> DuckDB. Reads nothing of the machine it runs on: every name, comm and path
 * comes from the trace.
 */
public final class Ingest {
    public static final int BATCH_ROWS = Integer.getInteger("ior.batch", 64 * 1024);
    /** Parallel inserts into syscalls: 2 measured ~1.3x faster than 1 on 2 cores (docs/benchmarks.md). */
    static final int SYSCALL_LOADERS = Math.max(1, Integer.getInteger("ior.ingest.loaders", 2));
    /** Arrow memory kept for reuse between batches (BufferPool): more than the batches in flight ever hold. */
    static final long KEPT_BUFFER_BYTES = 256L << 20;

    /** Named counters for the stats table: name, severity, description. */
    private record Stat(String name, long value, String severity, String description) {}

    private final SyscallTable table = SyscallTable.x86_64();
    private final List<Stat> stats = new ArrayList<>();
    /** The thread names of the trace by id, for the syscalls view (set by the replay). */
    private List<String> commNames = List.of();

    /**
     * Ingests the trace into conn (empty database). progress receives bytes of the file processed.
     */
    public void run(TraceReader reader, DuckDBConnection conn, LongConsumer progress) throws Exception {
        Map<String, String> header = reader.header();
        long bootToWall = parseLong(header.get("clock.boot_to_wall_ns"));
        try (BufferPool pool = new BufferPool(KEPT_BUFFER_BYTES);
             BufferAllocator alloc = new RootAllocator(RootAllocator.configBuilder().allocationManagerFactory(pool).build())) {
            // The two tables that grow with the trace, syscalls and fds, stream into DuckDB while
            // the replay runs on its own thread, so neither is held in memory; the small tables
            // are kept and loaded after them. One DuckDB insert runs on one thread (an Arrow
            // stream is scanned serially), so each stored part's batches go round-robin to
            // SYSCALL_LOADERS inserts on connections of their own, and fds to one more.
            List<TableDef> parts = Tables.SYSCALLS.storedParts();
            int np = parts.size();
            QueueReader[] sysStreams = new QueueReader[np * SYSCALL_LOADERS];
            StreamLoader[] sysLoaders = new StreamLoader[np * SYSCALL_LOADERS];
            for (int p = 0; p < np; p++)
                for (int i = 0; i < SYSCALL_LOADERS; i++) {
                    int k = p * SYSCALL_LOADERS + i;
                    sysStreams[k] = new QueueReader(alloc, parts.get(p).schema(), 2);
                    sysLoaders[k] = new StreamLoader(conn, alloc, sysStreams[k], parts.get(p).storedName(), i, false);
                }
            QueueReader fdStream = new QueueReader(alloc, Tables.FDS.schema(), 4);
            StreamLoader fdLoader = new StreamLoader(conn, alloc, fdStream, Tables.FDS.storedName(), 0, true);
            List<Deferred> later = new ArrayList<>();
            long[] batches = new long[np];
            BatchBuilder.Flusher toStream = (def, root) -> {
                int p = 0;
                while (parts.get(p) != def) p++;
                int i = p * SYSCALL_LOADERS + (int) (batches[p]++ % SYSCALL_LOADERS);
                if (sysLoaders[i].failure != null) throw new IllegalStateException("loading the syscalls table failed", sysLoaders[i].failure);
                sysStreams[i].put(root, alloc);
            };
            BatchBuilder.Flusher toFdStream = (def, root) -> {
                // the fds load failed: stop the replay (the syscalls load then ends, and the failure is reported)
                if (fdLoader.failure != null) throw new IllegalStateException("loading the fds table failed", fdLoader.failure);
                fdStream.put(root, alloc);
            };
            BatchBuilder.Flusher keep = (def, root) -> later.add(new Deferred(def, take(root, alloc)));
            Thread producer = new Thread(() -> {
                Exception failure = null;
                BatchBuilder[] sys = SyscallRows.builders(alloc, BATCH_ROWS, toStream);
                try (AutoCloseable closeSys = () -> { for (BatchBuilder b : sys) b.close(); };
                     BatchBuilder fdRows = new BatchBuilder(Tables.FDS, alloc, 16 * 1024, toFdStream);
                     BatchBuilder procRows = new BatchBuilder(Tables.PROCESSES, alloc, 4096, keep);
                     BatchBuilder lossRows = new BatchBuilder(Tables.LOSSES, alloc, 4096, keep);
                     BatchBuilder statRows = new BatchBuilder(Tables.STATS, alloc, 256, keep);
                     BatchBuilder infoRows = new BatchBuilder(Tables.TRACE_INFO, alloc, 256, keep);
                     BatchBuilder tableRows = new BatchBuilder(Tables.SYSCALL_TABLE, alloc, 1024, keep)) {
                    replayInto(reader, header, bootToWall, progress, sys, fdRows, procRows, lossRows, statRows, infoRows, tableRows);
                    for (BatchBuilder b : sys) b.flush();
                    fdRows.flush();
                    for (BatchBuilder b : List.of(procRows, lossRows, statRows, infoRows, tableRows)) b.flushAlways();
                } catch (Exception e) {
                    failure = e;
                } finally {
                    try {
                        for (QueueReader q : sysStreams) q.end(failure);
                        fdStream.end(failure);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }, "ior-replay");
            // The replay starts first: its first batches queue up while DuckDB sets up the tables
            // and the loaders' connections (~0.1 s of the start, docs/benchmarks.md).
            producer.start();
            try {
                try (var st = conn.createStatement()) {
                    // rows keep seq anyway; letting DuckDB reorder allows a parallel load
                    st.execute("SET preserve_insertion_order = false");
                    // DuckDB tries every compression that fits a column when it writes a row group; for the
                    // integer columns RLE and bit-packing both analyse every value. Bit-packing (with its
                    // constant and delta modes) stores these tables as small as with RLE too, so RLE's
                    // analysis is skipped: ~0.1 s of a 10M-syscall ingest (docs/benchmarks.md). A setting
                    // of the database, so it also holds for the loaders' connections and the checkpoint.
                    st.execute("SET disabled_compression_methods = 'rle'");
                    // the loaders below insert into them from connections of their own: they must exist first
                    for (String sql : Tables.SYSCALLS.createStoredSql()) st.execute(sql);
                }
                // one transaction for the rest: per-batch commits would each write and sync the WAL
                conn.setAutoCommit(false);
                fdLoader.start();
                for (StreamLoader l : sysLoaders) l.start();
            } catch (Exception | Error e) {
                // no loader runs: stop the replay (its next batch sees the failure) and wait for it
                for (StreamLoader l : sysLoaders) l.failure = new IllegalStateException("setting up the tables failed", e);
                fdLoader.failure = new IllegalStateException("setting up the tables failed", e);
                for (QueueReader q : sysStreams) q.cancel();
                fdStream.cancel();
                producer.join();
                throw e;
            }
            producer.join();
            fdLoader.join();
            for (StreamLoader l : sysLoaders) l.join();
            Exception producerFailure = sysStreams[0].producerFailure();
            // the most direct cause first: a failed replay explains a failed load, not the other way
            if (producerFailure != null) throw producerFailure;
            for (StreamLoader l : sysLoaders) if (l.failure != null) throw l.failure;
            if (fdLoader.failure != null) throw fdLoader.failure;
            DuckLoader loader = new DuckLoader(conn, alloc);
            for (Deferred d : later) {
                try (VectorSchemaRoot r = d.root()) {
                    loader.load(d.table(), r);
                }
            }
            try (var st = conn.createStatement()) {
                for (TableDef def : Tables.ALL) if (def.hasView()) st.execute(SyscallSql.withComms(def.createViewSql(), commNames));
            }
        }
        long t0 = System.nanoTime();
        conn.commit();
        conn.setAutoCommit(true);
        if (System.getenv("IOR_TIMING") != null) System.err.printf("commit %.1f ms%n", (System.nanoTime() - t0) / 1e6);
    }

    /**
     * The same replay without a database: every table's batches (of at most batchRows rows) go
     * to flusher. For the fuzz tests, which feed millions of inputs through the replay.
     */
    void replay(TraceReader reader, BufferAllocator alloc, int batchRows, BatchBuilder.Flusher flusher) throws Exception {
        Map<String, String> header = reader.header();
        BatchBuilder[] sys = SyscallRows.builders(alloc, batchRows, flusher);
        try (AutoCloseable closeSys = () -> { for (BatchBuilder b : sys) b.close(); };
             BatchBuilder fdRows = new BatchBuilder(Tables.FDS, alloc, batchRows, flusher);
             BatchBuilder procRows = new BatchBuilder(Tables.PROCESSES, alloc, batchRows, flusher);
             BatchBuilder lossRows = new BatchBuilder(Tables.LOSSES, alloc, batchRows, flusher);
             BatchBuilder statRows = new BatchBuilder(Tables.STATS, alloc, batchRows, flusher);
             BatchBuilder infoRows = new BatchBuilder(Tables.TRACE_INFO, alloc, batchRows, flusher);
             BatchBuilder tableRows = new BatchBuilder(Tables.SYSCALL_TABLE, alloc, batchRows, flusher)) {
            replayInto(reader, header, parseLong(header.get("clock.boot_to_wall_ns")), done -> { },
                    sys, fdRows, procRows, lossRows, statRows, infoRows, tableRows);
            for (BatchBuilder b : sys) b.flushAlways();
            for (BatchBuilder b : List.of(fdRows, procRows, lossRows, statRows, infoRows, tableRows)) b.flushAlways();
        }
    }

    private record Deferred(TableDef table, VectorSchemaRoot root) {}

    /**
     * Loads one stream on a connection of its own to the same database, in a transaction of its
     * own, in parallel with the others: CREATE TABLE AS, or INSERT into a table made before.
     */
    private static final class StreamLoader extends Thread {
        private final DuckDBConnection main;
        private final BufferAllocator alloc;
        private final QueueReader stream;
        private final String table;
        private final int index;
        private final boolean create;
        volatile Exception failure;

        StreamLoader(DuckDBConnection main, BufferAllocator alloc, QueueReader stream, String table, int index, boolean create) {
            super("ior-load-" + table + "-" + index);
            this.main = main;
            this.alloc = alloc;
            this.stream = stream;
            this.table = table;
            this.index = index;
            this.create = create;
        }

        @Override
        public void run() {
            try (DuckDBConnection c = main.duplicate()) {
                c.setAutoCommit(false);
                try (ArrowArrayStream s = ArrowArrayStream.allocateNew(alloc); var st = c.createStatement()) {
                    Data.exportArrayStream(alloc, stream, s);
                    String name = "_ior_stream_" + index + "_" + table;
                    c.registerArrowStream(name, s);
                    st.execute((create ? "CREATE TABLE " + table + " AS" : "INSERT INTO " + table) + " SELECT * FROM " + name);
                }
                c.commit();
            } catch (Exception e) {
                failure = e;
                stream.cancel(); // the producer stops blocking on this stream
            }
        }
    }

    private static VectorSchemaRoot take(VectorSchemaRoot root, BufferAllocator alloc) {
        VectorSchemaRoot taken = VectorSchemaRoot.create(root.getSchema(), alloc);
        for (int i = 0; i < root.getFieldVectors().size(); i++)
            root.getVector(i).makeTransferPair(taken.getVector(i)).transfer();
        taken.setRowCount(root.getRowCount());
        return taken;
    }

    private void replayInto(TraceReader reader, Map<String, String> header, long bootToWall, LongConsumer progress,
                            BatchBuilder[] sys, BatchBuilder fdRows, BatchBuilder procRows, BatchBuilder lossRows,
                            BatchBuilder statRows, BatchBuilder infoRows, BatchBuilder tableRows) throws Exception {
        Replay replay = new Replay(reader, sys, fdRows, lossRows, bootToWall, progress);
        replay.run();
        commNames = List.copyOf(replay.processes.commNames());
        writeProcesses(replay.processes, procRows, bootToWall);
        replay.addStats(stats);
        for (Stat s : stats) {
            statRows.setText(0, s.name());
            statRows.setLong(1, s.value());
            statRows.setText(2, s.severity());
            statRows.setText(3, s.description());
            statRows.endRow();
        }
        Map<String, String> info = new LinkedHashMap<>();
        header.forEach((k, v) -> {
            if (!k.equals("tracefs.formats.z") && !k.equals("syscalls.table")) info.put(k, v);
        });
        info.put("trace.file", reader.path().getFileName().toString());
        info.put("trace.size", Long.toString(reader.fileSize()));
        info.put("trace.format", TraceFormat.MAJOR + "." + reader.minorVersion());
        info.put("trace.first_ts", Long.toString(replay.firstTs));
        info.put("trace.last_ts", Long.toString(replay.lastTs));
        info.put("trace.truncated", Boolean.toString(reader.tornAt() >= 0));
        if (reader.tornAt() >= 0) info.put("trace.truncated_at", reader.tornAt() + ": " + reader.tornReason());
        info.put("trace.stop_reason", replay.stopReason < 0 ? "none (no trailer)" : TraceFormat.stopReasonName(replay.stopReason));
        info.put("analyzer.schema_version", Integer.toString(Tables.SCHEMA_VERSION));
        for (var e : info.entrySet()) {
            infoRows.setText(0, e.getKey());
            infoRows.setText(1, e.getValue());
            infoRows.endRow();
        }
        for (Syscall s : table.all()) {
            tableRows.setInt(0, s.nr());
            tableRows.setText(1, s.name());
            tableRows.setText(2, s.family().displayName());
            tableRows.setText(3, s.kind());
            tableRows.setText(4, s.ret().name().toLowerCase());
            tableRows.setText(5, s.args().toString().toLowerCase().replaceAll("[\\[\\] ]", ""));
            tableRows.endRow();
        }
    }

    private static void writeProcesses(Processes ps, BatchBuilder b, long bootToWall) throws Exception {
        for (Processes.Proc p : ps.all()) {
            b.setInt(0, p.pid);
            if (p.ppid != null) b.setInt(1, p.ppid);
            b.setText(2, p.comm);
            b.setText(3, p.exe);
            b.setText(4, p.cmdline);
            if (p.startNs >= 0) b.setMicros(5, Math.floorDiv(p.startNs + bootToWall, 1000));
            if (p.exitNs >= 0) b.setMicros(6, Math.floorDiv(p.exitNs + bootToWall, 1000));
            if (p.exitCode != null) b.setInt(7, p.exitCode);
            if (p.exitSignal != null) b.setInt(8, p.exitSignal);
            b.setBool(9, p.inSnapshot);
            b.setInt(10, p.threads);
            b.endRow();
        }
    }

    private static long parseLong(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** One pass over the blocks of the trace. */
    private final class Replay implements Pairing.Sink {
        final TraceReader reader;
        final BatchBuilder lossRows;
        final long bootToWall;
        final LongConsumer progress;
        final Processes processes = new Processes();
        final Pairing pairing;
        final SyscallRows rows;
        final FileTracker files;
        final SyscallRows.FileInfo info = new SyscallRows.FileInfo();
        final RecordCursor c = new RecordCursor();
        long seq, firstTs = Long.MAX_VALUE, lastTs = Long.MIN_VALUE;
        long[][] prevLoss;
        long prevLossTs = -1;
        int stopReason = -1;
        long malformed, rowErrors;
        final long[] lostTotals = new long[Records.STAT_COUNT];
        Exception failure;

        Replay(TraceReader reader, BatchBuilder[] sys, BatchBuilder fdRows, BatchBuilder lossRows, long bootToWall, LongConsumer progress) {
            this.reader = reader;
            this.lossRows = lossRows;
            this.bootToWall = bootToWall;
            this.progress = progress;
            this.pairing = new Pairing(table, this);
            this.rows = new SyscallRows(table, sys, bootToWall);
            this.files = new FileTracker(table, fdRows, bootToWall);
        }

        void run() throws Exception {
            reader.forEachBlock((type, bseq, offset, body) -> {
                switch (type) {
                    case TraceFormat.BLOCK_SNAPSHOT -> {
                        Snapshot s = Snapshot.decode(body);
                        processes.seed(s);
                        files.seed(s);
                    }
                    case TraceFormat.BLOCK_CHUNK -> chunk(body);
                    case TraceFormat.BLOCK_LOSS -> loss(body);
                    case TraceFormat.BLOCK_TRAILER -> {
                        if (body.byteSize() >= 44) stopReason = body.get(ValueLayout.JAVA_INT_UNALIGNED, 40);
                    }
                    default -> { }
                }
                progress.accept(offset + body.byteSize());
            });
            pairing.finish();
            files.finish(lastTs);
            if (failure != null) throw failure;
        }

        private void chunk(MemorySegment body) {
            c.wrap(body);
            while (c.next()) {
                long ts = c.ts();
                if (ts < firstTs) firstTs = ts;
                if (ts > lastTs) lastTs = ts;
                switch (c.type()) {
                    case Records.SYS_ENTER -> {
                        processes.sawThread(c.tid(), c.enterPid());
                        pairing.enter(c, seq);
                    }
                    case Records.SYS_EXIT -> pairing.exit(c);
                    case Records.SYS_CALL -> {
                        long exitTs = c.callExitTs();
                        if (exitTs > lastTs) lastTs = exitTs;
                        processes.sawThread(c.tid(), c.enterPid());
                        pairing.call(c, seq);
                    }
                    case Records.PROC_FORK -> {
                        int flags = c.u32(Records.FORK_FLAGS);
                        boolean thread = (flags & Records.FORK_THREAD) != 0;
                        int parentPid = c.u32(Records.FORK_PARENT_PID), childPid = c.u32(Records.FORK_CHILD_PID), childTid = c.u32(Records.FORK_CHILD_TID);
                        processes.fork(ts, c.tid(), parentPid, childPid, childTid, thread, c.string(Records.FORK_COMM, Records.COMM_LEN));
                        pairing.forked(childTid);
                        files.fork(c.tid(), parentPid, childPid, childTid, (flags & Records.FORK_SHARES_FILES) != 0, thread, ts);
                    }
                    case Records.PROC_EXEC -> {
                        int fl = c.u16(Records.EXEC_FILENAME_LEN);
                        int pid = c.u32(Records.EXEC_PID);
                        int oldTid = c.u32(Records.EXEC_OLD_TID);
                        pairing.exec(pid, oldTid);
                        processes.exec(ts, pid, c.string(Records.EXEC_COMM, Records.COMM_LEN), c.string(Records.EXEC_DATA, fl),
                                c.bytesString(Records.EXEC_DATA + fl, c.u16(Records.EXEC_ARGV_LEN)));
                        files.exec(pid, oldTid, ts);
                    }
                    case Records.PROC_EXIT -> {
                        int pid = c.u32(Records.PEXIT_PID);
                        boolean groupDead = (c.u32(Records.PEXIT_FLAGS) & Records.EXIT_GROUP_DEAD) != 0;
                        pairing.threadExit(c.tid());
                        processes.exit(ts, pid, c.tid(), c.u32(Records.PEXIT_CODE), groupDead);
                        files.exitTask(pid, c.tid(), groupDead, ts);
                    }
                    case Records.TASK_RENAME -> processes.rename(c.u32(Records.RENAME_PID), c.tid(), c.string(Records.RENAME_COMM, Records.COMM_LEN));
                    default -> { }
                }
                seq++;
            }
            malformed += c.malformed();
        }

        @Override
        public void call(CallView call, long gapNs) {
            if (failure != null) return;
            try {
                info.clear();
                files.describe(call, info);   // the fd and path as they were when the call was made
                files.apply(call);
                files.describeAfterApply(call, info);
                rows.add(call, gapNs, processes.commId(call.tid()), info);
            } catch (Exception e) {
                failure = e;
            }
        }

        private void loss(MemorySegment body) {
            if (body.byteSize() < 16) return;
            long ts = body.get(ValueLayout.JAVA_LONG_UNALIGNED, 0);
            int ncpu = body.get(ValueLayout.JAVA_INT_UNALIGNED, 8);
            int ncounters = body.get(ValueLayout.JAVA_INT_UNALIGNED, 12);
            if (ncpu < 0 || ncounters < 0 || ncpu > 65536 || ncounters > 64 || 16L + 8L * ncpu * ncounters > body.byteSize()) {
                malformed++;
                return;
            }
            long[][] cur = new long[Math.min(ncounters, Records.STAT_COUNT)][ncpu];
            for (int k = 0; k < cur.length; k++)
                for (int cpu = 0; cpu < ncpu; cpu++)
                    cur[k][cpu] = body.get(ValueLayout.JAVA_LONG_UNALIGNED, 16 + 8L * ((long) k * ncpu + cpu));
            try {
                for (int cpu = 0; cpu < ncpu; cpu++) {
                    long[] d = new long[Records.STAT_COUNT];
                    boolean any = false;
                    for (int k = 0; k < cur.length; k++) {
                        long prev = prevLoss != null && k < prevLoss.length && cpu < prevLoss[k].length ? prevLoss[k][cpu] : 0;
                        d[k] = cur[k][cpu] - prev;
                        any |= d[k] != 0;
                    }
                    if (!any) continue;
                    long start = prevLossTs >= 0 ? prevLossTs : (firstTs == Long.MAX_VALUE ? ts : firstTs);
                    lossRows.setMicros(0, Math.floorDiv(start + bootToWall, 1000));
                    lossRows.setMicros(1, Math.floorDiv(ts + bootToWall, 1000));
                    lossRows.setInt(2, cpu);
                    for (int k = 0; k < Records.STAT_COUNT; k++) lossRows.setLong(3 + k, d[k]);
                    lossRows.endRow();
                }
            } catch (Exception e) {
                failure = e;
            }
            for (int k = 0; k < cur.length; k++) {
                long sum = 0;
                for (long v : cur[k]) sum += v;
                lostTotals[k] = sum;
            }
            prevLoss = cur;
            prevLossTs = ts;
        }

        void addStats(List<Stat> out) {
            out.add(new Stat("records", seq, "info", "Records read from the trace."));
            out.add(new Stat("syscalls_paired", pairing.paired, "info", "Syscalls whose enter and exit were both recorded."));
            out.add(new Stat("never_returned", pairing.neverReturned, "info", "Calls that do not return (exit, exit_group, rt_sigreturn ...)."));
            out.add(new Stat("fork_child_returns", pairing.forkReturns, "info",
                    "Returns of clone/fork in a new task, which never entered the call (the parent's row has it)."));
            out.add(new Stat("exit_without_enter", pairing.exitsWithoutEnter, "info",
                    "Exits whose enter happened before the recording started (or was lost)."));
            out.add(new Stat("enter_without_exit", pairing.entersWithoutExit, "info",
                    "Calls still in progress when the recording or the thread ended: rows with NULL ret."));
            out.add(new Stat("lost_exit", pairing.lostExits, "data_loss",
                    "Enters followed by another enter on the same thread: their exit was lost."));
            out.add(new Stat("mismatched_exit", pairing.mismatchedExits, "data_loss",
                    "Exits that did not match their thread's pending enter (a record was lost between them)."));
            out.add(new Stat("lost_enter_records", lostTotals[Records.STAT_DROP_ENTER], "data_loss", "Enter records dropped in the kernel: ring buffer full."));
            out.add(new Stat("lost_exit_records", lostTotals[Records.STAT_DROP_EXIT], "data_loss", "Exit records dropped in the kernel: ring buffer full."));
            out.add(new Stat("lost_call_records", lostTotals[Records.STAT_DROP_CALL], "data_loss",
                    "Whole-call records dropped in the kernel (calls written as one record at exit): the call is missing."));
            out.add(new Stat("lost_lifecycle_records", lostTotals[Records.STAT_DROP_PROC], "data_loss", "Fork/exec/exit/rename records dropped in the kernel."));
            out.add(new Stat("failed_user_reads", lostTotals[Records.STAT_READ_FAIL], "data_loss", "Paths or structs that could not be read from user memory."));
            out.add(new Stat("malformed_records", malformed, "error", "Records or loss blocks that could not be decoded."));
            out.add(new Stat("truncated_at", reader.tornAt(), reader.tornAt() >= 0 ? "data_loss" : "info",
                    "Byte offset where the trace is cut short (-1: complete). Everything before it was read."));
            files.addStats((n, v, s, d) -> out.add(new Stat(n, v, s, d)));
        }
    }
}
