package ior.analyzer.ingest;

import ior.analyzer.pair.Pairing;
import ior.analyzer.table.BatchBuilder;
import ior.analyzer.table.Tables;
import ior.bench.Chunks;
import ior.bench.Flags;
import ior.bench.Workload;
import ior.format.RecordCursor;
import ior.format.Records;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.openjdk.jmh.annotations.*;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;

/**
 * The whole Java side of ingest per call, as Ingest.Replay does it, minus DuckDB: cursor ->
 * Processes.sawThread -> Pairing -> FileTracker.describe (fd state resolve, flags decode) ->
 * SyscallRows.add (Arrow append) -> FileTracker.apply, over the standard chunk; full batches go to
 * a flusher that only counts. (Lives in the analyzer's package: SyscallRows and FileTracker are
 * package-private.) ops = calls (syscalls).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {Flags.NATIVE, Flags.OPENS, Flags.UNSAFE, Flags.ARROW_UNCHECKED})
public class PipelineBench {
    static final long BOOT_TO_WALL = 1_700_000_000_000_000_000L;

    /** Replay's per-record work, without DuckDB. */
    static final class JavaReplay implements AutoCloseable {
        final BufferAllocator alloc;
        final boolean ownsAlloc;
        final BatchBuilder[] sys;
        final BatchBuilder fdRows;
        final Processes processes = new Processes();
        final SyscallRows rows;
        final FileTracker files;
        final SyscallRows.FileInfo info = new SyscallRows.FileInfo();
        final Pairing pairing;
        final RecordCursor c = new RecordCursor();
        long seq, firstTs = Long.MAX_VALUE, lastTs = Long.MIN_VALUE, batches;

        /** alloc: the allocator of the batches (null: one of its own); flusher: null to only count batches. */
        JavaReplay(BufferAllocator alloc, BatchBuilder.Flusher flusher) {
            this.ownsAlloc = alloc == null;
            this.alloc = alloc != null ? alloc : new RootAllocator();
            BatchBuilder.Flusher f = flusher != null ? flusher : (t, root) -> batches++;
            sys = SyscallRows.builders(this.alloc, Ingest.BATCH_ROWS, f);
            fdRows = new BatchBuilder(Tables.FDS, this.alloc, 16 * 1024, (t, root) -> batches++);
            rows = new SyscallRows(Workload.TABLE, sys, BOOT_TO_WALL);
            files = new FileTracker(Workload.TABLE, fdRows, BOOT_TO_WALL);
            pairing = new Pairing(Workload.TABLE, (call, gap) -> {
                try {
                    info.clear();
                    files.describe(call, info);
                    files.apply(call);
                    files.describeAfterApply(call, info);
                    rows.add(call, gap, processes.commId(call.tid()), info);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // name the threads, as their fork records would
            processes.fork(1, 1, 1, 1000, 1000, false, "make");
            processes.fork(2, 1000, 1000, 1000, 1001, true, "make");
            processes.fork(3, 1, 1, 2000, 2000, false, "cc1");
            processes.fork(4, 2000, 2000, 2000, 2001, true, "cc1");
        }

        void chunk(MemorySegment body) {
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
                    default -> { }
                }
                seq++;
            }
        }

        @Override
        public void close() {
            for (BatchBuilder b : sys) b.close();
            fdRows.close();
            if (ownsAlloc) alloc.close();
        }
    }

    private JavaReplay replay;
    private MemorySegment chunk;

    @Setup
    public void setup() {
        chunk = Chunks.standard().body();
        replay = new JavaReplay(null, null);
    }

    @Benchmark
    @OperationsPerInvocation(Chunks.STD_CALLS)
    public long replay() {
        replay.chunk(chunk);
        return replay.seq;
    }

    @TearDown
    public void close() {
        replay.close();
    }
}
