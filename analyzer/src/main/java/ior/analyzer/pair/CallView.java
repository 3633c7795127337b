package ior.analyzer.pair;

import ior.analyzer.model.SyscallView;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static ior.format.Records.*;

/**
 * A completed syscall as a flyweight over its records in the mapped trace: an enter and an exit
 * ({@link #set}), or one sys_call record the kernel paired itself ({@link #setCall}). Accessors
 * read fields in place. Nothing is copied or allocated.
 */
public final class CallView implements SyscallView {
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfByte U8 = ValueLayout.JAVA_BYTE;

    private MemorySegment en;
    private long enOff;
    private int enLen;
    private MemorySegment ex;   // null when there is no exit
    private long exOff;
    private int exLen;
    private long seq;
    private int nargs;
    private boolean whole;      // one sys_call record: no exit record, no items
    private int argsAt;

    private MemorySegment hitSeg;
    private long hitOff;

    public CallView set(MemorySegment enter, long enterOff, int enterLen, MemorySegment exit, long exitOff, int exitLen, long seq) {
        this.en = enter;
        this.enOff = enterOff;
        this.enLen = enterLen;
        this.ex = exit;
        this.exOff = exitOff;
        this.exLen = exitLen;
        this.seq = seq;
        this.whole = false;
        this.argsAt = ENTER_ARGS;
        this.nargs = Math.min(6, Byte.toUnsignedInt(en.get(U8, enOff + ENTER_NARGS)));
        if (ENTER_ARGS + 8 * nargs > enterLen) nargs = Math.max(0, (enterLen - ENTER_ARGS) / 8);
        return this;
    }

    /** Points at a sys_call record (RecordCursor has checked it holds its fixed fields). */
    public CallView setCall(MemorySegment call, long callOff, int callLen, long seq) {
        this.en = call;
        this.enOff = callOff;
        this.enLen = callLen;
        this.ex = null;
        this.seq = seq;
        this.whole = true;
        this.argsAt = CALL_ARGS;
        this.nargs = Math.min(6, (callLen - CALL_ARGS) / 8);
        return this;
    }

    @Override
    public long seq() {
        return seq;
    }

    @Override
    public long enterTs() {
        return en.get(U64, enOff + HDR_TS);
    }

    @Override
    public long exitTs() {
        if (whole) return enterTs() + Integer.toUnsignedLong(en.get(U32, enOff + CALL_LATENCY));
        return ex == null ? -1 : ex.get(U64, exOff + HDR_TS);
    }

    @Override
    public int pid() {
        return en.get(U32, enOff + ENTER_PID);
    }

    @Override
    public int tid() {
        return en.get(U32, enOff + HDR_TID);
    }

    @Override
    public int nr() {
        return Short.toUnsignedInt(en.get(U16, enOff + HDR_NR));
    }

    @Override
    public int nargs() {
        return nargs;
    }

    @Override
    public long arg(int i) {
        return i >= 0 && i < nargs ? en.get(U64, enOff + argsAt + 8L * i) : 0;
    }

    public int enterFlags() {
        return whole ? 0 : Byte.toUnsignedInt(en.get(U8, enOff + ENTER_FLAGS));
    }

    @Override
    public boolean hasRet() {
        return whole || ex != null;
    }

    @Override
    public long ret() {
        if (whole) return en.get(U64, enOff + CALL_RET);
        return ex == null ? 0 : ex.get(U64, exOff + EXIT_RET);
    }

    @Override
    public int str(int argIndex) {
        if (whole) return -1;
        int end = Math.min(enLen, ENTER_ARGS + 8 * nargs + Short.toUnsignedInt(en.get(U16, enOff + ENTER_ITEMS_LEN)));
        int n = find(en, enOff, ENTER_ARGS + 8 * nargs, end, ITEM_STR, argIndex);
        if (n < 0 && ex != null) n = find(ex, exOff, EXIT_ITEMS, exLen, ITEM_STR, argIndex);
        return n < 0 ? -1 : Math.max(0, n - 1); // drop the NUL
    }

    @Override
    public MemorySegment strSegment() {
        return hitSeg;
    }

    @Override
    public long strOffset() {
        return hitOff;
    }

    @Override
    public int in(int argIndex) {
        if (whole) return -1;
        int end = Math.min(enLen, ENTER_ARGS + 8 * nargs + Short.toUnsignedInt(en.get(U16, enOff + ENTER_ITEMS_LEN)));
        return find(en, enOff, ENTER_ARGS + 8 * nargs, end, ITEM_BUF, argIndex);
    }

    @Override
    public int out(int argIndex) {
        return ex == null ? -1 : find(ex, exOff, EXIT_ITEMS, exLen, ITEM_BUF, argIndex);
    }

    @Override
    public MemorySegment bufSegment() {
        return hitSeg;
    }

    @Override
    public long bufOffset() {
        return hitOff;
    }

    /** Walks items in [at, end) of the record at seg+off; on a hit sets hitSeg/hitOff and returns the length. */
    private int find(MemorySegment seg, long off, int at, int end, int kind, int arg) {
        while (at + ITEM_HEADER <= end) {
            int k = Byte.toUnsignedInt(seg.get(U8, off + at));
            if (k != ITEM_STR && k != ITEM_BUF) return -1;
            int len = Short.toUnsignedInt(seg.get(U16, off + at + 2));
            if (at + ITEM_HEADER + len > end) return -1;
            if (k == kind && Byte.toUnsignedInt(seg.get(U8, off + at + 1)) == arg) {
                hitSeg = seg;
                hitOff = off + at + ITEM_HEADER;
                return len;
            }
            at = (at + ITEM_HEADER + len + 3) & ~3;
        }
        return -1;
    }
}
