package ior.format;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static ior.format.Records.*;
import static ior.format.TraceFormat.*;

/**
 * A flyweight over the records of one chunk: {@link #wrap} a chunk body, then {@link #next()}
 * positions it on each record in turn. Accessors read little-endian fields at constant offsets;
 * nothing is allocated per record. Records whose length does not fit the chunk end the walk and
 * are counted in {@link #malformed()}.
 */
public final class RecordCursor {
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfByte U8 = ValueLayout.JAVA_BYTE;

    private MemorySegment seg;
    private long end;
    private long next;
    private long rec;      // offset of the current record (after the ring-buffer header)
    private int len;       // its length
    private long malformed;
    private long discarded;

    /** Positions before the first record of a chunk body. */
    public RecordCursor wrap(MemorySegment chunkBody) {
        this.seg = chunkBody;
        this.end = chunkBody.byteSize();
        this.next = CHUNK_HEADER_SIZE;
        return this;
    }

    public long chunkFirstTs() {
        return seg.get(U64, 0);
    }

    public long chunkLastTs() {
        return seg.get(U64, 8);
    }

    public int chunkRecords() {
        return seg.get(U32, 16);
    }

    /** Advances to the next record; false at the end of the chunk. */
    public boolean next() {
        while (next + RB_HEADER_SIZE <= end) {
            int h = seg.get(U32, next);
            int l = h & RB_LEN_MASK;
            long total = align8((long) RB_HEADER_SIZE + l);
            if ((h & RB_BUSY) != 0 || next + total > end) {
                malformed++;
                next = end;
                return false;
            }
            long at = next + RB_HEADER_SIZE;
            next += total;
            if ((h & RB_DISCARD) != 0) {
                discarded++;
                continue;
            }
            if (l < HDR_SIZE || l < fixedSize(Short.toUnsignedInt(seg.get(U16, at + HDR_TYPE)))) {
                malformed++; // shorter than its type's fixed fields: a reader must not look past it
                continue;
            }
            rec = at;
            len = l;
            return true;
        }
        return false;
    }

    /** Bytes every record of a type has before its variable part; unknown types only need the header. */
    static int fixedSize(int type) {
        return switch (type) {
            case SYS_ENTER -> ENTER_ARGS;
            case SYS_EXIT -> EXIT_ITEMS;
            case SYS_CALL -> CALL_ARGS;
            case PROC_FORK -> FORK_SIZE;
            case PROC_EXEC -> EXEC_DATA;
            case PROC_EXIT -> PEXIT_SIZE;
            case TASK_RENAME -> RENAME_SIZE;
            default -> HDR_SIZE;
        };
    }

    public MemorySegment segment() {
        return seg;
    }

    /** Offset of the current record within the chunk body. */
    public long offset() {
        return rec;
    }

    public int length() {
        return len;
    }

    public long ts() {
        return seg.get(U64, rec + HDR_TS);
    }

    public int tid() {
        return seg.get(U32, rec + HDR_TID);
    }

    public int type() {
        return Short.toUnsignedInt(seg.get(U16, rec + HDR_TYPE));
    }

    public int nr() {
        return Short.toUnsignedInt(seg.get(U16, rec + HDR_NR));
    }

    // ---- sys_enter and sys_call ----
    /** The caller's thread group id (sys_enter and sys_call keep it at the same offset). */
    public int enterPid() {
        return u32(ENTER_PID);
    }

    /** Arguments the record carries: at most 6, and no more than its length holds. */
    public int nargs() {
        if (type() == SYS_CALL) return Math.min(6, (len - CALL_ARGS) / 8);
        if (len < ENTER_ARGS) return 0;
        return Math.min(Math.min(6, Byte.toUnsignedInt(seg.get(U8, rec + ENTER_NARGS))), (len - ENTER_ARGS) / 8);
    }

    /** IOR_F_* of a sys_enter; a sys_call has none (it is never compat and copies no memory). */
    public int enterFlags() {
        return len > ENTER_FLAGS && type() == SYS_ENTER ? Byte.toUnsignedInt(seg.get(U8, rec + ENTER_FLAGS)) : 0;
    }

    /** Raw argument i, or 0 when the record does not carry it. */
    public long arg(int i) {
        int at = type() == SYS_CALL ? CALL_ARGS : ENTER_ARGS;
        if (i < 0 || i >= nargs() || at + 8L * (i + 1) > len) return 0;
        return seg.get(U64, rec + at + 8L * i);
    }

    /** Offset (within the record) where items start; a sys_call has none. */
    public int itemsStart() {
        return switch (type()) {
            case SYS_ENTER -> ENTER_ARGS + 8 * nargs();
            case SYS_CALL -> len;
            default -> EXIT_ITEMS;
        };
    }

    // ---- sys_exit and sys_call ----
    public long ret() {
        int at = type() == SYS_CALL ? CALL_RET : EXIT_RET;
        return len >= at + 8 ? seg.get(U64, rec + at) : 0;
    }

    /** When a sys_call returned: its enter time plus its latency. */
    public long callExitTs() {
        return ts() + Integer.toUnsignedLong(u32(CALL_LATENCY));
    }

    // ---- items: iterate with itemAt(offset) -> next offset or -1 ----
    /**
     * Returns the record-relative offset of the item after the one at {@code at}, or -1 when
     * {@code at} does not hold a whole item. Use with {@link #itemKind}, {@link #itemArg},
     * {@link #itemLen} and {@link #itemData}.
     */
    public int nextItem(int at) {
        if (at + ITEM_HEADER > len) return -1;
        int kind = Byte.toUnsignedInt(seg.get(U8, rec + at));
        if (kind != ITEM_STR && kind != ITEM_BUF) return -1; // padding, or an item kind from a newer recorder
        int l = Short.toUnsignedInt(seg.get(U16, rec + at + 2));
        if (at + ITEM_HEADER + l > len) return -1;
        return (at + ITEM_HEADER + l + 3) & ~3;
    }

    public int itemKind(int at) {
        return Byte.toUnsignedInt(seg.get(U8, rec + at));
    }

    public int itemArg(int at) {
        return Byte.toUnsignedInt(seg.get(U8, rec + at + 1));
    }

    public int itemLen(int at) {
        return Short.toUnsignedInt(seg.get(U16, rec + at + 2));
    }

    /** Absolute offset of the item's bytes in {@link #segment()}. */
    public long itemData(int at) {
        return rec + at + ITEM_HEADER;
    }

    /** Offset just past the last item of a sys_enter (bounded by the record). */
    public int itemsEnd() {
        if (type() == SYS_ENTER) {
            return Math.min(len, itemsStart() + u16(ENTER_ITEMS_LEN));
        }
        return len;
    }

    // ---- lifecycle ----
    public int u32(int off) {
        return off + 4 <= len ? seg.get(U32, rec + off) : 0;
    }

    public int u16(int off) {
        return off + 2 <= len ? Short.toUnsignedInt(seg.get(U16, rec + off)) : 0;
    }

    /** Copies a NUL-terminated field of at most max bytes at record offset off into a String. */
    public String string(int off, int max) {
        if (off < 0 || off >= len || max <= 0) return "";
        int n = 0;
        int lim = Math.min(max, len - off);
        while (n < lim && seg.get(U8, rec + off + n) != 0) n++;
        byte[] b = new byte[n];
        MemorySegment.copy(seg, U8, rec + off, b, 0, n);
        return Strings.decode(b);
    }

    /** Copies len raw bytes at record offset off (bounded by the record) into a String, NULs kept. */
    public String bytesString(int off, int len) {
        if (off < 0 || off >= this.len || len <= 0) return "";
        int n = Math.min(len, this.len - off);
        byte[] b = new byte[n];
        MemorySegment.copy(seg, U8, rec + off, b, 0, n);
        return Strings.decode(b);
    }

    public long malformed() {
        return malformed;
    }

    public long discarded() {
        return discarded;
    }
}
