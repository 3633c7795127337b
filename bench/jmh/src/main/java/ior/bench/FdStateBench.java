package ior.bench;

import ior.analyzer.fd.FdState;
import org.openjdk.jmh.annotations.*;

import java.util.concurrent.TimeUnit;

/**
 * (c) Fd state: FdState.resolve + apply over the calls of the standard workload (openat on 300
 * paths, a quarter relative to a dir fd, 10% ENOENT; read, write, fstat, close; dup; pipe2) through
 * an array-backed SyscallView; the fd sink only counts. ops = calls.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {Flags.NATIVE, Flags.OPENS, Flags.UNSAFE})
public class FdStateBench {
    private FdState fds;
    private ArrayCall call;
    private long lifetimes;

    @Setup
    public void setup() {
        fds = new FdState(Workload.TABLE, (pid, fd, path, kind, family, local, peer, openedBy, openSeq, openTs, closeTs, reason, flags) -> lifetimes++);
        call = new ArrayCall(Chunks.standard().calls());
        if (call.size() != Chunks.STD_CALLS) throw new IllegalStateException();
    }

    @Benchmark
    @OperationsPerInvocation(Chunks.STD_CALLS)
    public long resolveApply() {
        long acc = 0;
        for (int k = 0, n = call.size(); k < n; k++) {
            call.at(k);
            acc += fds.resolve(call);
            fds.apply(call);
        }
        return acc + lifetimes;
    }

    @TearDown
    public void check() {
        if (fds.lostCount() != 0) throw new IllegalStateException("the workload reused an open fd: " + fds.lostCount());
    }
}
