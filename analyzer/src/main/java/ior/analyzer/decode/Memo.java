package ior.analyzer.decode;

import java.util.function.LongFunction;

/**
 * A small direct-mapped cache from one or two {@code long} keys to a decoded string, so that decoding a value seen
 * before allocates nothing. Flag values repeat heavily in a trace, so a few hundred slots catch nearly all of them;
 * a collision only costs a recomputation.
 *
 * <p>Thread-safe without locks: a slot holds one immutable entry, and a reference write is atomic; entries have final
 * fields, so a reader sees either a whole entry or none (or an older one, which is still correct for its key).
 */
final class Memo {
    private static final int BITS = 8;
    private static final int SIZE = 1 << BITS;

    private record Entry(long a, long b, String text) {
    }

    private final Entry[] slots = new Entry[SIZE];

    private static int slot(long a, long b) {
        long h = (a * 0x9E3779B97F4A7C15L) ^ (b * 0xC2B2AE3D27D4EB4FL);
        return (int) (h >>> (64 - BITS));
    }

    /**
     * The cached text for {@code key}, computing and caching it on a miss. Callers pass a non-capturing lambda or
     * the decoder object itself, so the call allocates nothing on a hit.
     */
    String get(long key, LongFunction<String> compute) {
        int i = slot(key, 0);
        Entry e = slots[i];
        if (e != null && e.a == key && e.b == 0) {
            return e.text;
        }
        String text = compute.apply(key);
        slots[i] = new Entry(key, 0, text);
        return text;
    }

    /** Two-key form, for texts made from two arguments (mmap prot and flags, socket domain and type ...). */
    String get(long a, long b, Pair compute) {
        int i = slot(a, b);
        Entry e = slots[i];
        if (e != null && e.a == a && e.b == b) {
            return e.text;
        }
        String text = compute.apply(a, b);
        slots[i] = new Entry(a, b, text);
        return text;
    }

    @FunctionalInterface
    interface Pair {
        String apply(long a, long b);
    }
}
