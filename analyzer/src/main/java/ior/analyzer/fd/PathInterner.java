package ior.analyzer.fd;

import ior.format.Strings;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Byte strings to dense int ids (0, 1, 2 ...), so that a path seen again costs a hash and a
 * compare, and no allocation. Each id keeps its bytes; its String is decoded once, on first use,
 * with {@link Strings#decode} (invalid UTF-8 becomes {@code \xHH}). Ids are never freed: a trace
 * has far fewer distinct paths than events.
 */
public final class PathInterner {
    private byte[][] bytes = new byte[64][];
    private String[] strings = new String[64];
    private int[] hashes = new int[64];
    private int count;
    /** Open-addressing slots holding id + 1; 0 is empty. */
    private int[] slots = new int[128];
    private byte[] scratch = new byte[256];

    /** The id of these bytes, adding them when new. */
    public int intern(byte[] buf, int off, int len) {
        int h = hash(buf, off, len);
        int mask = slots.length - 1;
        int i = h & mask;
        while (true) {
            int s = slots[i];
            if (s == 0) break;
            int id = s - 1;
            if (hashes[id] == h && Arrays.equals(bytes[id], 0, bytes[id].length, buf, off, off + len)) {
                return id;
            }
            i = (i + 1) & mask;
        }
        int id = count++;
        if (id == bytes.length) {
            int n = id * 2;
            bytes = Arrays.copyOf(bytes, n);
            strings = Arrays.copyOf(strings, n);
            hashes = Arrays.copyOf(hashes, n);
        }
        bytes[id] = Arrays.copyOfRange(buf, off, off + len);
        hashes[id] = h;
        slots[i] = id + 1;
        if (count * 2 > slots.length) rehash();
        return id;
    }

    /** The id of the bytes at seg[off, off+len). */
    public int intern(MemorySegment seg, long off, int len) {
        if (scratch.length < len) scratch = new byte[Math.max(len, scratch.length * 2)];
        MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, off, scratch, 0, len);
        return intern(scratch, 0, len);
    }

    /** The id of the UTF-8 encoding of s. */
    public int intern(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int id = intern(b, 0, b.length);
        if (strings[id] == null) strings[id] = s;
        return id;
    }

    /** How many distinct byte strings there are; ids are 0 .. size()-1. */
    public int size() {
        return count;
    }

    /** The bytes of an id (the stored array: do not modify). */
    public byte[] bytes(int id) {
        return bytes[id];
    }

    public int length(int id) {
        return bytes[id].length;
    }

    /** The text of an id, decoded on first use; null for id -1. */
    public String string(int id) {
        if (id < 0) return null;
        String s = strings[id];
        if (s == null) s = strings[id] = Strings.decode(bytes[id]);
        return s;
    }

    private static int hash(byte[] b, int off, int len) {
        int h = 0x811C9DC5;
        for (int i = off, end = off + len; i < end; i++) {
            h = (h ^ b[i]) * 0x01000193;
        }
        return h ^ (h >>> 15);
    }

    private void rehash() {
        slots = new int[slots.length * 2];
        int mask = slots.length - 1;
        for (int id = 0; id < count; id++) {
            int i = hashes[id] & mask;
            while (slots[i] != 0) i = (i + 1) & mask;
            slots[i] = id + 1;
        }
    }
}
