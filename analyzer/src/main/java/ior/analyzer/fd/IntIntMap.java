package ior.analyzer.fd;

import java.util.Arrays;

/** int to int, open addressing with linear probing and backward-shift deletion; no boxing. Key Integer.MIN_VALUE is reserved. */
final class IntIntMap {
    private static final int EMPTY = Integer.MIN_VALUE;

    private int[] keys;
    private int[] vals;
    private int size;
    private int mask;

    IntIntMap() {
        this(16);
    }

    IntIntMap(int capacity) {
        int n = Integer.highestOneBit(Math.max(4, capacity - 1)) << 1;
        keys = new int[n];
        vals = new int[n];
        Arrays.fill(keys, EMPTY);
        mask = n - 1;
    }

    static int mix(int k) {
        int h = k * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    int size() {
        return size;
    }

    /** The value for key, or missing when absent. */
    int get(int key, int missing) {
        int i = mix(key) & mask;
        while (true) {
            int k = keys[i];
            if (k == key) return vals[i];
            if (k == EMPTY) return missing;
            i = (i + 1) & mask;
        }
    }

    void put(int key, int value) {
        int i = mix(key) & mask;
        while (true) {
            int k = keys[i];
            if (k == key) {
                vals[i] = value;
                return;
            }
            if (k == EMPTY) {
                keys[i] = key;
                vals[i] = value;
                if (++size * 2 > keys.length) grow();
                return;
            }
            i = (i + 1) & mask;
        }
    }

    /** Removes key; returns its value, or missing when it was absent. */
    int remove(int key, int missing) {
        int i = mix(key) & mask;
        while (true) {
            int k = keys[i];
            if (k == EMPTY) return missing;
            if (k == key) break;
            i = (i + 1) & mask;
        }
        int old = vals[i];
        size--;
        // backward-shift: move later entries of the cluster into the hole when their home allows it
        int hole = i;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            int k = keys[j];
            if (k == EMPTY) break;
            int home = mix(k) & mask;
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                keys[hole] = k;
                vals[hole] = vals[j];
                hole = j;
            }
        }
        keys[hole] = EMPTY;
        return old;
    }

    void clear() {
        Arrays.fill(keys, EMPTY);
        size = 0;
    }

    /** Slot iteration: capacity(), then keyAt/valueAt for slots where used(slot). */
    int capacity() {
        return keys.length;
    }

    boolean used(int slot) {
        return keys[slot] != EMPTY;
    }

    int keyAt(int slot) {
        return keys[slot];
    }

    int valueAt(int slot) {
        return vals[slot];
    }

    private void grow() {
        int[] ok = keys, ov = vals;
        keys = new int[ok.length * 2];
        vals = new int[ok.length * 2];
        Arrays.fill(keys, EMPTY);
        mask = keys.length - 1;
        size = 0;
        for (int s = 0; s < ok.length; s++) {
            if (ok[s] != EMPTY) put(ok[s], ov[s]);
        }
    }
}
