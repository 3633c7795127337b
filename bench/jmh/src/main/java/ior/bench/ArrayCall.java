package ior.bench;

import ior.analyzer.model.SyscallView;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * A {@link SyscallView} over plain arrays holding a whole {@link Workload}: {@link #at} moves it
 * to call i. Paths and pipe fds live in one native segment, as they would in a mapped trace.
 * Nothing is allocated per call.
 */
public final class ArrayCall implements SyscallView {
    private final int n;
    private final long[] seq, enterTs, exitTs, ret, args;
    private final int[] pid, tid, nr, nargs, strArg, strLen;
    private final long[] strOff, outOff;
    private final MemorySegment data;
    private int i;
    private long hit;

    public ArrayCall(List<Workload.Call> calls) {
        n = calls.size();
        seq = new long[n];
        enterTs = new long[n];
        exitTs = new long[n];
        ret = new long[n];
        args = new long[n * 6];
        pid = new int[n];
        tid = new int[n];
        nr = new int[n];
        nargs = new int[n];
        strArg = new int[n];
        strLen = new int[n];
        strOff = new long[n];
        outOff = new long[n];
        long bytes = 0;
        for (Workload.Call c : calls) bytes += (c.path == null ? 0 : (c.path.length + 7) & ~7) + (c.outFds == null ? 0 : 8);
        data = Arena.ofAuto().allocate(Math.max(8, bytes), 8);
        long used = 0;
        for (int k = 0; k < n; k++) {
            Workload.Call c = calls.get(k);
            seq[k] = 2L * k;
            enterTs[k] = c.enterTs;
            exitTs[k] = c.exitTs;
            ret[k] = c.ret;
            pid[k] = c.pid;
            tid[k] = c.tid;
            nr[k] = c.nr;
            nargs[k] = c.args.length;
            System.arraycopy(c.args, 0, args, k * 6, c.args.length);
            strArg[k] = c.path == null ? -1 : c.strArg;
            strLen[k] = c.path == null ? -1 : c.path.length;
            if (c.path != null) {
                MemorySegment.copy(c.path, 0, data, ValueLayout.JAVA_BYTE, used, c.path.length);
                strOff[k] = used;
                used += (c.path.length + 7) & ~7;
            }
            outOff[k] = -1;
            if (c.outFds != null) {
                data.set(ValueLayout.JAVA_INT_UNALIGNED, used, c.outFds[0]);
                data.set(ValueLayout.JAVA_INT_UNALIGNED, used + 4, c.outFds[1]);
                outOff[k] = used;
                used += 8;
            }
        }
    }

    public int size() {
        return n;
    }

    public ArrayCall at(int k) {
        i = k;
        return this;
    }

    @Override public long seq() { return seq[i]; }
    @Override public long enterTs() { return enterTs[i]; }
    @Override public long exitTs() { return exitTs[i]; }
    @Override public int pid() { return pid[i]; }
    @Override public int tid() { return tid[i]; }
    @Override public int nr() { return nr[i]; }
    @Override public int nargs() { return nargs[i]; }
    @Override public long arg(int a) { return a >= 0 && a < nargs[i] ? args[i * 6 + a] : 0; }
    @Override public boolean hasRet() { return true; }
    @Override public long ret() { return ret[i]; }

    @Override
    public int str(int argIndex) {
        if (argIndex != strArg[i]) return -1;
        hit = strOff[i];
        return strLen[i];
    }

    @Override public MemorySegment strSegment() { return data; }
    @Override public long strOffset() { return hit; }
    @Override public int in(int argIndex) { return -1; }

    @Override
    public int out(int argIndex) {
        if (argIndex != 0 || outOff[i] < 0) return -1;
        hit = outOff[i];
        return 8;
    }

    @Override public MemorySegment bufSegment() { return data; }
    @Override public long bufOffset() { return hit; }
}
