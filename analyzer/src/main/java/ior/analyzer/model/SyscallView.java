package ior.analyzer.model;

import java.lang.foreign.MemorySegment;

/**
 * One completed syscall as the engines see it: the enter record's arguments and captured user
 * memory, and the exit's return value. Implemented by a flyweight over the mapped trace (no
 * allocation per call) and, in tests, by plain objects.
 */
public interface SyscallView {
    /** Sequence number of the enter record in the trace (its order in the file). */
    long seq();

    long enterTs();

    /** Exit timestamp, or -1 when the call has no exit (never returned, or the trace ended). */
    long exitTs();

    int pid();

    int tid();

    int nr();

    int nargs();

    long arg(int i);

    /** True when an exit was recorded; ret() is meaningless otherwise. */
    boolean hasRet();

    long ret();

    /** A success in the kernel's terms: returned, and not a negative errno. */
    default boolean ok() {
        return hasRet() && (ret() >= 0 || ret() < -4095);
    }

    /**
     * The user string captured for argument i (a path), or -1 when none was captured. Returns its
     * byte length; {@link #strSegment()} and {@link #strOffset()} then locate the bytes (no NUL).
     */
    int str(int argIndex);

    MemorySegment strSegment();

    long strOffset();

    /** Length of the struct captured at enter for argument i, or -1; bytes at bufSegment()/bufOffset(). */
    int in(int argIndex);

    /** Length of the struct captured at exit for argument i (pipe fds, peer address), or -1. */
    int out(int argIndex);

    MemorySegment bufSegment();

    long bufOffset();
}
