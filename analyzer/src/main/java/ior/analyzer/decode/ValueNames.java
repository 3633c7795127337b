package ior.analyzer.decode;

import java.util.Arrays;
import java.util.function.LongFunction;

/**
 * Names for the values of an enumerated argument (fcntl cmd, whence, advice ...). A value without a name is printed
 * in hex, cached like the names so a repeated unknown value allocates nothing either.
 */
final class ValueNames implements LongFunction<String> {
    private final long width;
    private final long[] values;
    private final String[] names;
    private final Memo memo = new Memo();

    /**
     * @param width mask applied to the raw argument first ({@link BitNames#U32} or {@link BitNames#U64})
     * @param pairs name, value, name, value ... (values as Integer or Long, non-negative after the mask, any order)
     */
    ValueNames(long width, Object... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("name/value pairs expected");
        }
        this.width = width;
        int n = pairs.length / 2;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Long.compare(value(pairs, x), value(pairs, y)));
        values = new long[n];
        names = new String[n];
        for (int i = 0; i < n; i++) {
            values[i] = value(pairs, order[i]) & width;
            names[i] = (String) pairs[2 * order[i]];
            if (i > 0 && values[i] == values[i - 1]) {
                throw new IllegalArgumentException(names[i - 1] + " and " + names[i] + " share the value " + values[i]);
            }
        }
    }

    private static long value(Object[] pairs, int i) {
        return ((Number) pairs[2 * i + 1]).longValue();
    }

    /** The name of {@code value}, or its hex spelling when it has none. */
    String decode(long value) {
        long v = value & width;
        int i = Arrays.binarySearch(values, v);
        return i >= 0 ? names[i] : memo.get(v, this);
    }

    /** The name of {@code value}, or null when it has none. */
    String nameOrNull(long value) {
        int i = Arrays.binarySearch(values, value & width);
        return i >= 0 ? names[i] : null;
    }

    @Override
    public String apply(long value) {
        return BitNames.hex(value);
    }
}
