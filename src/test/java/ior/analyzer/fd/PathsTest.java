package ior.analyzer.fd;

import ior.analyzer.util.IntIntMap;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

/** PathInterner and PathJoin. */
class PathsTest {
    static String clean(String p) {
        byte[] in = p.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[in.length + 1];
        int n = PathJoin.clean(in, in.length, out);
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    static String join(String base, String rel) {
        PathJoin j = new PathJoin();
        byte[] r = rel.getBytes(StandardCharsets.UTF_8);
        int n = j.join(base == null ? null : base.getBytes(StandardCharsets.UTF_8), MemorySegment.ofArray(r), 0, r.length);
        return new String(j.out, 0, n, StandardCharsets.UTF_8);
    }

    @Test
    void cleanLikeGo() {
        assertEquals("/", clean("/"));
        assertEquals("/", clean("//"));
        assertEquals("/a/b", clean("/a//b/"));
        assertEquals("/a/c", clean("/a/b/../c"));
        assertEquals("/", clean("/.."));
        assertEquals("/", clean("/../.."));
        assertEquals("/b", clean("/a/../../b"));
        assertEquals("a", clean("./a"));
        assertEquals(".", clean(""));
        assertEquals(".", clean("a/.."));
        assertEquals("..", clean(".."));
        assertEquals("../..", clean("../../"));
        assertEquals("../b", clean("a/../../b"));
        assertEquals("/abc/def", clean("/abc/./def/."));
        assertEquals("/a/...", clean("/a/..."));
        assertEquals("/a/..b", clean("/a/..b"));
    }

    @Test
    void joinAgainstABase() {
        assertEquals("/home/u/x", join("/home/u", "x"));
        assertEquals("/home/x", join("/home/u", "../x"));
        assertEquals("/etc/passwd", join("/home/u", "/etc/passwd"));
        assertEquals("x/y", join(null, "./x/y"));
        assertEquals("/", join("/", "."));
        StringBuilder deep = new StringBuilder();
        for (int i = 0; i < 300; i++) deep.append("/dir").append(i);
        assertEquals(deep + "/f", join(deep.toString(), "f"), "buffers grow");
    }

    @Test
    void internerGivesOneIdPerDistinctByteString() {
        PathInterner in = new PathInterner();
        int a = in.intern("/a");
        byte[] buf = "xx/a".getBytes(StandardCharsets.UTF_8);
        assertEquals(a, in.intern(buf, 2, 2));
        assertEquals(a, in.intern(MemorySegment.ofArray(buf), 2, 2));
        int b = in.intern("/b");
        assertNotEquals(a, b);
        assertSame(in.string(a), in.string(a));
        assertEquals("/b", in.string(b));
        assertNull(in.string(-1));
        for (int i = 0; i < 10_000; i++) assertEquals(i + 2, in.intern("/p/" + i));
        for (int i = 0; i < 10_000; i++) assertEquals(i + 2, in.intern("/p/" + i), "found again after growing");
        assertEquals(10_002, in.size());
        int bad = in.intern(new byte[]{'/', (byte) 0xc3}, 0, 2);
        assertEquals("/\\xc3", in.string(bad));
        assertEquals(2, in.length(bad));
    }

    @Test
    void intMapsSurviveRemovalsAndGrowth() {
        IntIntMap m = new IntIntMap(16, -1);
        IntMap<String> o = new IntMap<>();
        for (int i = 0; i < 5000; i++) {
            m.put(i * 7, i);
            o.put(i * 7, "v" + i);
        }
        for (int i = 0; i < 5000; i += 2) {
            assertEquals(i, m.remove(i * 7));
            assertEquals("v" + i, o.remove(i * 7));
        }
        for (int i = 0; i < 5000; i++) {
            assertEquals(i % 2 == 0 ? -1 : i, m.get(i * 7));
            assertEquals(i % 2 == 0 ? null : "v" + i, o.get(i * 7));
        }
        assertEquals(2500, m.size());
        assertEquals(2500, o.size());
        assertEquals(2500, o.values().size());
        assertEquals(-1, m.remove(3));
    }

    /** Keys come from the trace, so the value that marks empty slots must work as a key too (a fuzz finding). */
    @Test
    void intMapsTakeEveryKeyIncludingTheirEmptyMarker() {
        IntIntMap m = new IntIntMap(16, -1);
        IntMap<String> o = new IntMap<>();
        assertEquals(-1, m.get(Integer.MIN_VALUE));
        assertFalse(m.containsKey(Integer.MIN_VALUE));
        assertNull(o.get(Integer.MIN_VALUE));
        m.put(Integer.MIN_VALUE, 5);
        o.put(Integer.MIN_VALUE, "min");
        for (int i = 0; i < 100; i++) {
            m.put(i, i);
            o.put(i, "v" + i);
        }
        assertEquals(5, m.get(Integer.MIN_VALUE));
        assertTrue(m.containsKey(Integer.MIN_VALUE));
        assertEquals("min", o.get(Integer.MIN_VALUE));
        assertEquals(101, m.size());
        assertEquals(101, o.size());
        assertTrue(o.values().contains("min"));
        int[] keys = new int[m.size()];
        assertEquals(101, m.keys(keys));
        assertEquals(5, m.remove(Integer.MIN_VALUE));
        assertEquals("min", o.remove(Integer.MIN_VALUE));
        assertEquals(-1, m.get(Integer.MIN_VALUE));
        assertNull(o.get(Integer.MIN_VALUE));
        assertEquals(100, m.size());
        assertEquals(100, o.size());
    }
}
