package ior.analyzer.decode;

import java.util.function.LongFunction;

/**
 * Names for the bits of a flags word, in the order they are printed. An entry may cover several bits (O_SYNC is
 * __O_SYNC|O_DSYNC); it is listed before its parts, and the bits it matched are not matched again. Bits no entry
 * names are printed as one hex number at the end, so nothing is dropped.
 */
final class BitNames implements LongFunction<String> {
    /** Width mask for arguments the kernel takes as int or unsigned int: the upper half of the register is not part of the value. */
    static final long U32 = 0xffff_ffffL;
    static final long U64 = -1L;

    private final long width;
    private final String zero;
    private final String[] names;
    private final long[] masks;
    private final Memo memo = new Memo();

    /**
     * @param width mask applied to the raw argument first ({@link #U32} or {@link #U64})
     * @param zero  the text for a value of 0 ("0", "PROT_NONE", "F_OK" ...)
     * @param pairs name, mask, name, mask ... (masks as Integer or Long)
     */
    BitNames(long width, String zero, Object... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("name/mask pairs expected");
        }
        this.width = width;
        this.zero = zero;
        names = new String[pairs.length / 2];
        masks = new long[pairs.length / 2];
        for (int i = 0; i < names.length; i++) {
            names[i] = (String) pairs[2 * i];
            masks[i] = ((Number) pairs[2 * i + 1]).longValue();
            if (masks[i] == 0) {
                throw new IllegalArgumentException(names[i] + ": mask 0");
            }
        }
    }

    /** The decoded text of {@code value}; cached, so a repeated value allocates nothing. */
    String decode(long value) {
        return memo.get(value & width, this);
    }

    /** Computes the text; {@link #decode} is the cached entry point. */
    @Override
    public String apply(long value) {
        long v = value & width;
        if (v == 0) {
            return zero;
        }
        StringBuilder sb = new StringBuilder(32);
        appendHex(sb, append(sb, v));
        return sb.toString();
    }

    /** Appends the names of the bits of {@code v} this table knows, '|'-separated after what {@code sb} holds; returns the other bits. */
    long append(StringBuilder sb, long v) {
        long rest = v;
        for (int i = 0; i < masks.length; i++) {
            long m = masks[i];
            if ((rest & m) == m) {
                sep(sb).append(names[i]);
                rest &= ~m;
            }
        }
        return rest;
    }

    static StringBuilder sep(StringBuilder sb) {
        if (!sb.isEmpty()) {
            sb.append('|');
        }
        return sb;
    }

    /** Appends {@code |0x...} for leftover bits, nothing when there are none. */
    static void appendHex(StringBuilder sb, long rest) {
        if (rest != 0) {
            sep(sb).append("0x").append(Long.toHexString(rest));
        }
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
