package ior.analyzer.pair;

import ior.analyzer.util.IntIntMap;
import ior.format.RecordCursor;
import ior.syscalls.Syscall;
import ior.syscalls.SyscallTable;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Matches each thread's syscall enter with its exit (a sys_call record comes paired already). latency = exit - enter; gap = this enter -
 * the thread's previous exit (0 for its first call). Calls that never return (exit, exit_group,
 * rt_sigreturn, a thread's last call) become rows without a return value; exits without an enter
 * (the recording started mid-call) and mismatches are counted, never dropped silently.
 *
 * <p>Pending enters are kept as references into the mapped trace, so pairing copies nothing.
 */
public final class Pairing {
    /** Receives every call, completed or not, in the order its outcome became known. */
    public interface Sink {
        void call(CallView call, long gapNs);
    }

    private final Sink sink;
    private final boolean[] neverReturns;
    private final CallView view = new CallView();
    private final IntIntMap slotOf = new IntIntMap(1024, -1);
    private MemorySegment[] seg = new MemorySegment[1024];
    private long[] off = new long[1024];
    private int[] len = new int[1024];
    private long[] seqs = new long[1024];
    private int[] nrs = new int[1024];
    private long[] gap = new long[1024];
    private long[] lastExit = new long[1024];
    private boolean[] forkChild = new boolean[1024];
    private int[] freeSlots = new int[1024];
    private int freeCount, nextSlot;

    // counters exposed in the stats table
    public long paired, forkReturns, exitsWithoutEnter, mismatchedExits, lostExits, entersWithoutExit, neverReturned;

    public Pairing(SyscallTable table, Sink sink) {
        this.sink = sink;
        this.neverReturns = new boolean[1024];
        for (Syscall s : table.all()) if (s.nr() < neverReturns.length && s.neverReturns()) neverReturns[s.nr()] = true;
    }

    private int slot(int tid) {
        int s = slotOf.get(tid);
        if (s >= 0) return s;
        s = freeCount > 0 ? freeSlots[--freeCount] : nextSlot++;
        if (s >= seg.length) grow();
        seg[s] = null;
        lastExit[s] = 0;
        forkChild[s] = false;
        slotOf.put(tid, s);
        return s;
    }

    private void grow() {
        int n = seg.length * 2;
        seg = Arrays.copyOf(seg, n);
        off = Arrays.copyOf(off, n);
        len = Arrays.copyOf(len, n);
        seqs = Arrays.copyOf(seqs, n);
        nrs = Arrays.copyOf(nrs, n);
        gap = Arrays.copyOf(gap, n);
        lastExit = Arrays.copyOf(lastExit, n);
        forkChild = Arrays.copyOf(forkChild, n);
    }

    /** A new task: its first record is the return of the clone/fork that made it, which it never entered. */
    public void forked(int childTid) {
        int s = slot(childTid);
        if (seg[s] != null) flushPending(s);
        forkChild[s] = true;
    }

    /** The cursor is on a sys_enter record; seq is its ordinal in the trace. */
    public void enter(RecordCursor c, long seq) {
        int s = slot(c.tid());
        if (seg[s] != null) flushPending(s);
        seg[s] = c.segment();
        off[s] = c.offset();
        len[s] = c.length();
        seqs[s] = seq;
        nrs[s] = c.nr();
        gap[s] = gapBefore(s, c.ts());
    }

    /** This enter - the thread's previous exit; 0 for its first call (or a clock step back). */
    private long gapBefore(int s, long enterTs) {
        return lastExit[s] > 0 && enterTs >= lastExit[s] ? enterTs - lastExit[s] : 0;
    }

    /** The cursor is on a sys_call record: a whole call the kernel paired; seq is its ordinal. */
    public void call(RecordCursor c, long seq) {
        int s = slot(c.tid());
        if (seg[s] != null) flushPending(s); // an enter whose exit was lost: this task has moved on
        forkChild[s] = false;                 // a new task's first call: its fork return was lost or not traced
        long g = gapBefore(s, c.ts());
        view.setCall(c.segment(), c.offset(), c.length(), seq);
        paired++;
        lastExit[s] = view.exitTs();
        sink.call(view, g);
    }

    /** The cursor is on a sys_exit record. */
    public void exit(RecordCursor c) {
        int s = slot(c.tid()); // an orphan exit still anchors the thread's next gap
        if (forkChild[s]) {
            forkChild[s] = false;
            if (seg[s] == null) {
                forkReturns++;
                lastExit[s] = c.ts();
                return;
            }
        }
        if (seg[s] == null) {
            exitsWithoutEnter++;
            lastExit[s] = c.ts();
            return;
        }
        if (nrs[s] != c.nr()) {
            // the pending enter lost its exit, and this exit lost its enter (drops)
            mismatchedExits++;
            flushPending(s);
            lastExit[s] = c.ts();
            return;
        }
        view.set(seg[s], off[s], len[s], c.segment(), c.offset(), c.length(), seqs[s]);
        seg[s] = null;
        paired++;
        lastExit[s] = c.ts();
        sink.call(view, gap[s]);
    }

    /** A pending enter that will get no exit. */
    private void flushPending(int s) {
        int nr = nrs[s];
        if (nr < neverReturns.length && neverReturns[nr]) neverReturned++;
        else lostExits++;
        emitWithoutExit(s);
    }

    private void emitWithoutExit(int s) {
        view.set(seg[s], off[s], len[s], null, 0, 0, seqs[s]);
        seg[s] = null;
        sink.call(view, gap[s]);
    }

    /** A successful exec from a non-leader thread continues as the leader: move its pending call. */
    public void exec(int pid, int oldTid) {
        if (pid == oldTid) return;
        int from = slotOf.get(oldTid);
        if (from < 0 || seg[from] == null) return;
        int to = slot(pid);
        if (seg[to] != null) flushPending(to);
        seg[to] = seg[from];
        off[to] = off[from];
        len[to] = len[from];
        seqs[to] = seqs[from];
        nrs[to] = nrs[from];
        gap[to] = gap[from];
        seg[from] = null;
    }

    /** A thread exited: its pending call (exit, exit_group) never returns; its tid may be reused. */
    public void threadExit(int tid) {
        int s = slotOf.get(tid);
        if (s < 0) return;
        if (seg[s] != null) {
            int nr = nrs[s];
            if (nr < neverReturns.length && neverReturns[nr]) neverReturned++;
            else entersWithoutExit++;
            emitWithoutExit(s);
        }
        slotOf.remove(tid);
        if (freeCount == freeSlots.length) freeSlots = Arrays.copyOf(freeSlots, freeCount * 2);
        freeSlots[freeCount++] = s;
    }

    /** End of the trace: calls still in flight become rows without a return value. */
    public void finish() {
        slotOf.forEach((tid, s) -> {
            if (seg[s] != null) {
                int nr = nrs[s];
                if (nr < neverReturns.length && neverReturns[nr]) neverReturned++;
                else entersWithoutExit++;
                emitWithoutExit(s);
            }
        });
    }
}
