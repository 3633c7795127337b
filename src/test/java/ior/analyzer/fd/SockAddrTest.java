package ior.analyzer.fd;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static ior.analyzer.fd.TestCall.inet;
import static ior.analyzer.fd.TestCall.inet6;
import static ior.analyzer.fd.TestCall.unix;
import static org.junit.jupiter.api.Assertions.*;

class SockAddrTest {
    static String text(byte[] sockaddr) {
        return SockAddr.toString(MemorySegment.ofArray(sockaddr), 0, sockaddr.length);
    }

    @Test
    void inet4Addresses() {
        assertEquals("127.0.0.1:8080", text(inet("127.0.0.1", 8080)));
        assertEquals("255.255.255.255:65535", text(inet("255.255.255.255", 65535)));
        assertEquals("0.0.0.0:0", text(inet("0.0.0.0", 0)));
        assertEquals("10.1.2.3:443", text(Arrays.copyOf(inet("10.1.2.3", 443), 8)), "sin_zero may be cut");
        assertNull(text(Arrays.copyOf(inet("10.1.2.3", 443), 7)), "too short for the address");
    }

    @Test
    void inet6Addresses() {
        assertEquals("[::1]:443", text(TestCall.inet6(new int[]{0, 0, 0, 0, 0, 0, 0, 1}, 443, 0)));
        assertEquals("[::]:0", text(TestCall.inet6(new int[8], 0, 0)));
        assertEquals("[2001:db8::1]:80", text(TestCall.inet6(new int[]{0x2001, 0xdb8, 0, 0, 0, 0, 0, 1}, 80, 0)));
        assertEquals("[2001:db8:0:1:1:1:1:1]:80",
                text(TestCall.inet6(new int[]{0x2001, 0xdb8, 0, 1, 1, 1, 1, 1}, 80, 0)), "a single zero group stays");
        assertEquals("[2001:0:0:1::1]:80",
                text(TestCall.inet6(new int[]{0x2001, 0, 0, 1, 0, 0, 0, 1}, 80, 0)), "the longest run is compressed");
        assertEquals("[2001:db8::1:0:0:1]:80",
                text(TestCall.inet6(new int[]{0x2001, 0xdb8, 0, 0, 1, 0, 0, 1}, 80, 0)), "the first of equal runs");
        assertEquals("[fe80::abcd%2]:22", text(TestCall.inet6(new int[]{0xfe80, 0, 0, 0, 0, 0, 0, 0xabcd}, 22, 2)));
        assertEquals("[1::]:1", text(TestCall.inet6(new int[]{1, 0, 0, 0, 0, 0, 0, 0}, 1, 0)));
        assertEquals("[::ffff:10.0.0.1]:8080",
                text(TestCall.inet6(new int[]{0, 0, 0, 0, 0, 0xffff, 0x0a00, 0x0001}, 8080, 0)));
        assertEquals("[::1]:443", text(Arrays.copyOf(inet6(new int[]{0, 0, 0, 0, 0, 0, 0, 1}, 443, 7), 24)),
                "without the scope id field");
        assertNull(text(Arrays.copyOf(inet6(new int[8], 1, 0), 23)));
    }

    @Test
    void unixAddresses() {
        assertEquals("unix:/run/x.sock", text(unix("/run/x.sock")));
        assertEquals("unix:/run/y", text(unix("/run/y".getBytes(StandardCharsets.UTF_8))), "no NUL counted");
        assertEquals("unix:@abstract", text(unix(new byte[]{0, 'a', 'b', 's', 't', 'r', 'a', 'c', 't'})));
        assertEquals("unix:@a\\x00b", text(unix(new byte[]{0, 'a', 0, 'b'})));
        assertEquals("unix:", text(new byte[]{1, 0}), "unnamed");
        assertEquals("unix:/p/\\xff", text(unix(new byte[]{'/', 'p', '/', (byte) 0xff, 0})));
        byte[] longest = new byte[108];
        Arrays.fill(longest, (byte) 'a');
        longest[0] = '/';
        String t = text(unix(longest));
        assertEquals(5 + 108, t.length(), "a path without NUL uses all 108 bytes");
    }

    @Test
    void otherFamilies() {
        assertEquals("netlink:0", text(new byte[]{16, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0}));
        assertNull(text(new byte[]{17, 0, 0, 0, 0, 0, 0, 0}), "packet addresses are not formatted");
        assertNull(text(new byte[]{2}), "shorter than the family");
        assertEquals(2, SockAddr.family(MemorySegment.ofArray(inet("1.1.1.1", 1)), 0, 16));
        assertEquals(-1, SockAddr.family(MemorySegment.ofArray(new byte[1]), 0, 1));
    }

    @Test
    void familyNames() {
        assertEquals("unix", SockAddr.familyName(1));
        assertEquals("inet", SockAddr.familyName(2));
        assertEquals("inet6", SockAddr.familyName(10));
        assertEquals("netlink", SockAddr.familyName(16));
        assertEquals("af63", SockAddr.familyName(63));
        assertEquals("af200", SockAddr.familyName(200));
        assertNull(SockAddr.familyName(-1));
        assertSame(SockAddr.familyName(50), SockAddr.familyName(50), "no String per call");
    }

    @Test
    void formatWritesAtOffsetsWithoutAllocating() {
        byte[] buf = new byte[64];
        byte[] a = inet("192.168.0.1", 22);
        System.arraycopy(a, 0, buf, 20, a.length);
        byte[] out = new byte[SockAddr.MAX_TEXT];
        int n = SockAddr.format(MemorySegment.ofArray(buf), 20, a.length, out);
        assertEquals("192.168.0.1:22", new String(out, 0, n, StandardCharsets.US_ASCII));
    }
}
