package ior.bench;

import ior.analyzer.table.BatchBuilder;
import ior.analyzer.table.Tables;
import ior.syscalls.Syscall;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.openjdk.jmh.annotations.*;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * (d) Arrow append: BatchBuilder filling rows of the syscalls table with the columns
 * SyscallRows sets for these calls (seq, times, gap, latency, comm, pid, tid, nr, syscall, family,
 * kind, raw args, ret, is_error, errno, restarted, bytes, address_space_bytes, fd, fd_kind, file,
 * flags), values precomputed per call; full batches (64K rows, as in Ingest) go to a flusher that
 * only counts. ops = rows.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {Flags.NATIVE, Flags.OPENS, Flags.UNSAFE, Flags.ARROW_UNCHECKED})
public class AppendBench {
    private static final int SEQ = col("seq"), TIME_NS = col("time_ns"), TS = col("ts"), GAP = col("gap_ns"), LAT = col("latency_ns"),
            COMM = col("comm"), PID = col("pid"), TID = col("tid"), SYSCALL = col("syscall"), NR = col("nr"), FAMILY = col("family"),
            KIND = col("kind"), FD = col("fd"), FD_KIND = col("fd_kind"), FILE = col("file"), RET = col("ret"),
            IS_ERROR = col("is_error"), ERRNO = col("errno"), RESTARTED = col("restarted"), BYTES = col("bytes"),
            AS_BYTES = col("address_space_bytes"), FLAGS = col("flags"), ARG0 = col("arg0");

    private static int col(String n) {
        return Tables.SYSCALLS.index(n);
    }

    private BufferAllocator alloc;
    private BatchBuilder b;
    private long batches;
    private int n;
    private long[] enter, exit, ret, args;
    private int[] pid, tid, nr, nargs, fd;
    private byte[][] name, family, kind, fdKind, file, flags;
    private final byte[] comm = "make".getBytes(StandardCharsets.UTF_8);
    private final byte[] enoent = "ENOENT".getBytes(StandardCharsets.UTF_8), ebadf = "EBADF".getBytes(StandardCharsets.UTF_8);
    private long seq;

    @Setup
    public void setup() {
        alloc = new RootAllocator();
        b = new BatchBuilder(Tables.SYSCALLS, alloc, 64 * 1024, (t, root) -> batches++);
        List<Workload.Call> calls = Chunks.standard().calls();
        n = calls.size();
        enter = new long[n]; exit = new long[n]; ret = new long[n]; args = new long[n * 6];
        pid = new int[n]; tid = new int[n]; nr = new int[n]; nargs = new int[n]; fd = new int[n];
        name = new byte[n][]; family = new byte[n][]; kind = new byte[n][]; fdKind = new byte[n][]; file = new byte[n][]; flags = new byte[n][];
        byte[] fileKind = "file".getBytes(StandardCharsets.UTF_8), pipeKind = "pipe".getBytes(StandardCharsets.UTF_8);
        byte[] rdonly = "O_RDONLY|O_CLOEXEC".getBytes(StandardCharsets.UTF_8), wr = "O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC".getBytes(StandardCharsets.UTF_8);
        byte[] unknownKind = "unknown".getBytes(StandardCharsets.UTF_8);
        java.util.Map<Long, byte[]> open = new java.util.HashMap<>(); // pid << 32 | fd -> path, as the fd state would say
        for (int k = 0; k < n; k++) {
            Workload.Call c = calls.get(k);
            Syscall s = Workload.TABLE.byNr(c.nr);
            enter[k] = c.enterTs; exit[k] = c.exitTs; ret[k] = c.ret;
            System.arraycopy(c.args, 0, args, 6 * k, c.args.length);
            pid[k] = c.pid; tid[k] = c.tid; nr[k] = c.nr; nargs[k] = c.args.length;
            name[k] = s.name().getBytes(StandardCharsets.UTF_8);
            family[k] = s.family().displayName().getBytes(StandardCharsets.UTF_8);
            kind[k] = s.kind().getBytes(StandardCharsets.UTF_8);
            if (c.nr == Workload.OPENAT) {
                fd[k] = c.ret >= 0 ? (int) c.ret : Integer.MIN_VALUE;
                fdKind[k] = fileKind;
                file[k] = c.path;
                flags[k] = (c.args[2] & 1) != 0 ? wr : rdonly;
                if (c.ret >= 0) open.put((long) c.pid << 32 | c.ret, c.path);
            } else if (c.nr == Workload.PIPE2) {
                fd[k] = Integer.MIN_VALUE;
                open.put((long) c.pid << 32 | c.outFds[0], null);
                open.put((long) c.pid << 32 | c.outFds[1], null);
            } else {
                fd[k] = (int) c.args[0];
                long key = (long) c.pid << 32 | fd[k];
                fdKind[k] = !open.containsKey(key) ? unknownKind : open.get(key) == null ? pipeKind : fileKind;
                file[k] = open.get(key);
                if (c.nr == Workload.DUP && c.ret >= 0) open.put((long) c.pid << 32 | c.ret, file[k]);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(Chunks.STD_CALLS)
    public long rows() throws Exception {
        long s = seq;
        for (int k = 0; k < n; k++) {
            long wall = enter[k] + 1_700_000_000_000_000_000L;
            b.setLong(SEQ, s);
            s += 2;
            b.setLong(TIME_NS, wall);
            b.setMicros(TS, Math.floorDiv(wall, 1000));
            b.setLong(GAP, 1234);
            b.setLong(LAT, exit[k] - enter[k]);
            b.setBytes(COMM, comm);
            b.setInt(PID, pid[k]);
            b.setInt(TID, tid[k]);
            b.setInt(NR, nr[k]);
            b.setBytes(SYSCALL, name[k]);
            b.setBytes(FAMILY, family[k]);
            b.setBytes(KIND, kind[k]);
            for (int i = 0; i < nargs[k]; i++) b.setLong(ARG0 + i, args[6 * k + i]);
            long r = ret[k];
            b.setLong(RET, r);
            boolean err = r < 0 && r >= -4095;
            b.setBool(IS_ERROR, err);
            b.setBool(RESTARTED, false);
            if (err) b.setBytes(ERRNO, r == -2 ? enoent : ebadf);
            b.setLong(BYTES, !err && (nr[k] == Workload.READ || nr[k] == Workload.WRITE) ? r : 0);
            b.setLong(AS_BYTES, 0);
            if (fd[k] != Integer.MIN_VALUE) b.setInt(FD, fd[k]);
            b.setBytes(FD_KIND, fdKind[k]);
            b.setBytes(FILE, file[k]);
            b.setBytes(FLAGS, flags[k]);
            b.endRow();
        }
        seq = s;
        return batches;
    }

    @TearDown
    public void close() {
        b.close();
        alloc.close();
    }
}
