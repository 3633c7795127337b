package ior.analyzer.util;

import java.util.Arrays;

/**
 * Open-addressing int -> int map for per-event lookups (tid -> slot, pid -> table): no boxing, no
 * allocation except when it grows. Every key is allowed (the one that marks free slots is kept
 * beside the table: a damaged trace can hold any tid); missing keys return {@code missing}.
 */
public final class IntIntMap {
    private static final int FREE = Integer.MIN_VALUE;
    private int[] keys;
    private int[] values;
    private int size;
    private int mask;
    private final int missing;
    private boolean hasFreeKey;
    private int freeKeyValue;

    public IntIntMap(int expected, int missing) {
        int cap = Integer.highestOneBit(Math.max(8, expected * 2 - 1)) << 1;
        keys = new int[cap];
        values = new int[cap];
        Arrays.fill(keys, FREE);
        mask = cap - 1;
        this.missing = missing;
    }

    /** The hash both int-keyed maps use (IntIntMap here, fd.IntMap). */
    public static int mix(int k) {
        int h = k * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    public int get(int key) {
        if (key == FREE) return hasFreeKey ? freeKeyValue : missing;
        int i = mix(key) & mask;
        while (true) {
            int k = keys[i];
            if (k == key) return values[i];
            if (k == FREE) return missing;
            i = (i + 1) & mask;
        }
    }

    public boolean containsKey(int key) {
        if (key == FREE) return hasFreeKey;
        int i = mix(key) & mask;
        while (true) {
            int k = keys[i];
            if (k == key) return true;
            if (k == FREE) return false;
            i = (i + 1) & mask;
        }
    }

    public void put(int key, int value) {
        if (key == FREE) {
            if (!hasFreeKey) size++;
            hasFreeKey = true;
            freeKeyValue = value;
            return;
        }
        int i = mix(key) & mask;
        while (true) {
            int k = keys[i];
            if (k == key) {
                values[i] = value;
                return;
            }
            if (k == FREE) {
                keys[i] = key;
                values[i] = value;
                if (++size * 2 > keys.length) grow();
                return;
            }
            i = (i + 1) & mask;
        }
    }

    /** Removes key (backward-shift deletion keeps probe chains intact); returns its value or missing. */
    public int remove(int key) {
        if (key == FREE) {
            if (!hasFreeKey) return missing;
            hasFreeKey = false;
            size--;
            return freeKeyValue;
        }
        int i = mix(key) & mask;
        while (true) {
            int k = keys[i];
            if (k == FREE) return missing;
            if (k == key) break;
            i = (i + 1) & mask;
        }
        int old = values[i];
        int gap = i;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            int k = keys[j];
            if (k == FREE) break;
            int home = mix(k) & mask;
            // move k into the gap if its home is not in (gap, j]
            if (gap <= j ? (home <= gap || home > j) : (home <= gap && home > j)) {
                keys[gap] = k;
                values[gap] = values[j];
                gap = j;
            }
        }
        keys[gap] = FREE;
        size--;
        return old;
    }

    public int size() {
        return size;
    }

    /** Copies the keys into out (at least size() long) in no particular order; returns how many. */
    public int keys(int[] out) {
        int n = 0;
        for (int k : keys) if (k != FREE) out[n++] = k;
        if (hasFreeKey) out[n++] = FREE;
        return n;
    }

    /** Calls f for every entry (order unspecified). */
    public void forEach(IntIntConsumer f) {
        for (int i = 0; i < keys.length; i++) if (keys[i] != FREE) f.accept(keys[i], values[i]);
        if (hasFreeKey) f.accept(FREE, freeKeyValue);
    }

    @FunctionalInterface
    public interface IntIntConsumer {
        void accept(int key, int value);
    }

    private void grow() {
        int[] ok = keys, ov = values;
        keys = new int[ok.length * 2];
        values = new int[ok.length * 2];
        Arrays.fill(keys, FREE);
        mask = keys.length - 1;
        size = hasFreeKey ? 1 : 0;
        for (int i = 0; i < ok.length; i++) if (ok[i] != FREE) put(ok[i], ov[i]);
    }
}
