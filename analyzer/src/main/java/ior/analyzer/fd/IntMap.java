package ior.analyzer.fd;

import ior.analyzer.util.IntIntMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * int to object, open addressing with linear probing and backward-shift deletion; no boxing. The
 * key that marks empty slots (Integer.MIN_VALUE) is kept beside the table: fds come from the trace.
 */
final class IntMap<V> {
    private static final int EMPTY = Integer.MIN_VALUE;

    private int[] keys;
    private Object[] vals;
    private int size;
    private int mask;
    private boolean hasEmptyKey;
    private Object emptyKeyValue;

    IntMap() {
        keys = new int[16];
        vals = new Object[16];
        Arrays.fill(keys, EMPTY);
        mask = 15;
    }

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    V get(int key) {
        if (key == EMPTY) return (V) emptyKeyValue;
        int i = IntIntMap.mix(key) & mask;
        while (true) {
            int k = keys[i];
            if (k == key) return (V) vals[i];
            if (k == EMPTY) return null;
            i = (i + 1) & mask;
        }
    }

    void put(int key, V value) {
        if (key == EMPTY) {
            if (!hasEmptyKey) size++;
            hasEmptyKey = true;
            emptyKeyValue = value;
            return;
        }
        int i = IntIntMap.mix(key) & mask;
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

    @SuppressWarnings("unchecked")
    V remove(int key) {
        if (key == EMPTY) {
            V old = (V) emptyKeyValue;
            if (hasEmptyKey) size--;
            hasEmptyKey = false;
            emptyKeyValue = null;
            return old;
        }
        int i = IntIntMap.mix(key) & mask;
        while (true) {
            int k = keys[i];
            if (k == EMPTY) return null;
            if (k == key) break;
            i = (i + 1) & mask;
        }
        V old = (V) vals[i];
        size--;
        int hole = i;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            int k = keys[j];
            if (k == EMPTY) break;
            int home = IntIntMap.mix(k) & mask;
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                keys[hole] = k;
                vals[hole] = vals[j];
                hole = j;
            }
        }
        keys[hole] = EMPTY;
        vals[hole] = null;
        return old;
    }

    /** A snapshot of the values (lifecycle paths only: allocates). */
    @SuppressWarnings("unchecked")
    List<V> values() {
        List<V> out = new ArrayList<>(size);
        for (int s = 0; s < keys.length; s++) {
            if (keys[s] != EMPTY) out.add((V) vals[s]);
        }
        if (hasEmptyKey) out.add((V) emptyKeyValue);
        return out;
    }

    void clear() {
        Arrays.fill(keys, EMPTY);
        Arrays.fill(vals, null);
        size = 0;
        hasEmptyKey = false;
        emptyKeyValue = null;
    }

    private void grow() {
        int[] ok = keys;
        Object[] ov = vals;
        keys = new int[ok.length * 2];
        vals = new Object[ok.length * 2];
        Arrays.fill(keys, EMPTY);
        mask = keys.length - 1;
        size = hasEmptyKey ? 1 : 0;
        for (int s = 0; s < ok.length; s++) {
            if (ok[s] != EMPTY) {
                @SuppressWarnings("unchecked")
                V v = (V) ov[s];
                put(ok[s], v);
            }
        }
    }
}
