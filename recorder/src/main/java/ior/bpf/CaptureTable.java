package ior.bpf;

import ior.syscalls.Capture;
import ior.syscalls.Syscall;
import ior.syscalls.SyscallTable;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.BitSet;

import static ior.format.Records.*;

/**
 * Encodes the syscall table into the BPF capture map (struct ior_capture per syscall number):
 * which raw args, user strings and structs each syscall records, and whether it is written as one
 * record per call. A syscall left out by
 * --syscalls is still recorded when it changes fd state, so the analyzer's fd table stays right.
 */
public final class CaptureTable {
    private CaptureTable() {}

    /** selected == null means every syscall. */
    public static MemorySegment encode(SyscallTable table, BitSet selected, Arena arena) {
        MemorySegment seg = arena.allocate((long) MAX_SYSCALLS * CAP_SIZE, 8);
        for (Syscall s : table.all()) {
            if (s.nr() < 0 || s.nr() >= MAX_SYSCALLS) continue;
            int flags = 0;
            if (selected == null || selected.get(s.nr())) flags |= CAP_TRACE;
            if (s.fdChange()) flags |= CAP_TRACE | CAP_KEEP;
            if (flags == 0) continue;
            if (s.writtenWhole()) flags |= CAP_PAIR;
            encodeOne(seg.asSlice((long) s.nr() * CAP_SIZE, CAP_SIZE), s, flags);
        }
        return seg;
    }

    static void encodeOne(MemorySegment e, Syscall s, int flags) {
        Capture c = s.capture();
        e.set(ValueLayout.JAVA_BYTE, CAP_NARGS, (byte) Math.min(6, s.nargs()));
        e.set(ValueLayout.JAVA_BYTE, CAP_FLAGS, (byte) flags);
        int[] str = c.strArgs();
        for (int i = 0; i < 2; i++)
            e.set(ValueLayout.JAVA_BYTE, CAP_STR_ARG + i, (byte) (i < str.length ? str[i] + 1 : 0));
        if (c.inArg() >= 0) {
            e.set(ValueLayout.JAVA_BYTE, CAP_IN_ARG, (byte) (c.inArg() + 1));
            e.set(ValueLayout.JAVA_BYTE, CAP_IN_LEN_ARG, (byte) (c.inLenArg() >= 0 ? c.inLenArg() + 1 : 0));
            e.set(ValueLayout.JAVA_SHORT_UNALIGNED, CAP_IN_LEN, (short) Math.min(BUF_MAX, c.inLen()));
        }
        if (c.outArg() >= 0) {
            e.set(ValueLayout.JAVA_BYTE, CAP_OUT_ARG, (byte) (c.outArg() + 1));
            e.set(ValueLayout.JAVA_BYTE, CAP_OUT_LEN_ARG, (byte) (c.outLenPtrArg() >= 0 ? c.outLenPtrArg() + 1 : 0));
            e.set(ValueLayout.JAVA_SHORT_UNALIGNED, CAP_OUT_LEN, (short) Math.min(BUF_MAX, c.outLen()));
        }
    }
}
