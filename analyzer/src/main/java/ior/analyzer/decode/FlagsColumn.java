package ior.analyzer.decode;

import java.util.function.IntToLongFunction;

/**
 * The {@code flags} column decoder for one syscall table: per syscall number, which argument(s) to decode and how.
 * Built once by {@link ArgFormatter#forTable}; a lookup is an array index by nr, with no string hashing per event.
 * Thread-safe and immutable.
 */
public final class FlagsColumn {

    /** Decodes one or two raw argument words ({@code b} is 0 when the syscall's text needs one). */
    @FunctionalInterface
    interface Decoder {
        String decode(long a, long b);
    }

    /** Marks an argument slot that is not used. */
    static final int NONE = -1;

    private final Decoder[] decoders;
    private final int[] argA;
    private final int[] argB;

    FlagsColumn(Decoder[] decoders, int[] argA, int[] argB) {
        this.decoders = decoders;
        this.argA = argA;
        this.argB = argB;
    }

    /** True when syscall {@code nr} has a flags text; {@link #flags} returns null for the others. */
    public boolean has(int nr) {
        return nr >= 0 && nr < decoders.length && decoders[nr] != null;
    }

    /**
     * The flags text of syscall {@code nr} with these raw arguments, or null when the syscall has no flags argument
     * (or {@code args} is too short to hold it).
     */
    public String flags(int nr, long[] args) {
        return flags(nr, args, args.length);
    }

    /** As {@link #flags(int, long[])}, with only the first {@code nargs} words of {@code args} valid. */
    public String flags(int nr, long[] args, int nargs) {
        if (!has(nr)) {
            return null;
        }
        int a = argA[nr];
        int b = argB[nr];
        int n = Math.min(nargs, args.length);
        if (a >= n || b >= n) {
            return null;
        }
        return decoders[nr].decode(a < 0 ? 0 : args[a], b < 0 ? 0 : args[b]);
    }

    /**
     * The flags text of syscall {@code nr}, reading raw arguments through {@code arg} (e.g. a flyweight's
     * {@code view::arg}, bound once): called only with indices below the syscall's table nargs. Null when the syscall
     * has no flags argument.
     */
    public String flags(int nr, IntToLongFunction arg) {
        if (!has(nr)) {
            return null;
        }
        int a = argA[nr];
        int b = argB[nr];
        return decoders[nr].decode(a < 0 ? 0 : arg.applyAsLong(a), b < 0 ? 0 : arg.applyAsLong(b));
    }

    /** The argument indices syscall {@code nr}'s text is made from (one or two, none for creat), empty when it has none. */
    public int[] argIndices(int nr) {
        if (!has(nr)) {
            return new int[0];
        }
        int a = argA[nr];
        int b = argB[nr];
        return a < 0 ? new int[0] : b < 0 ? new int[] {a} : new int[] {a, b};
    }
}
