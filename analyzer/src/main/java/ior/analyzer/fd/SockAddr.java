package ior.analyzer.fd;

import ior.format.Strings;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Formats captured socket addresses as text:
 * <ul>
 *   <li>sockaddr_in (family u16 LE, port u16 big-endian, 4 address bytes): {@code 127.0.0.1:8080}</li>
 *   <li>sockaddr_in6 (family, port BE, flowinfo 4, address 16, scope id 4): {@code [::1]:443},
 *       {@code [fe80::1%2]:22}, {@code [::ffff:10.0.0.1]:80}; zeros compressed as RFC 5952</li>
 *   <li>sockaddr_un (family, path up to 108): {@code unix:/run/x.sock}, {@code unix:@name} for an
 *       abstract name (leading NUL; further NULs as {@code \x00}), {@code unix:} when unnamed</li>
 *   <li>sockaddr_nl (family, pad, port id u32, groups u32): {@code netlink:1234}</li>
 * </ul>
 * {@link #format} writes into the caller's buffer and allocates nothing.
 */
public final class SockAddr {
    public static final int AF_UNSPEC = 0;
    public static final int AF_UNIX = 1;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int AF_NETLINK = 16;
    public static final int AF_PACKET = 17;
    /** Room {@link #format} may need: "unix:@" plus 107 bytes each escaped to 4. */
    public static final int MAX_TEXT = 512;

    private static final int UNIX_PATH_MAX = 108;
    private static final byte[] HEX = ascii("0123456789abcdef");
    private static final byte[] UNIX = ascii("unix:");
    private static final byte[] NETLINK = ascii("netlink:");
    private static final byte[] MAPPED = ascii("::ffff:");
    private static final String[] FAMILY_NAMES = familyNames();

    private SockAddr() {}

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String[] familyNames() {
        String[] n = new String[64];
        for (int i = 0; i < n.length; i++) n[i] = ("af" + i).intern();
        n[0] = "unspec";
        n[1] = "unix";
        n[2] = "inet";
        n[3] = "ax25";
        n[4] = "ipx";
        n[5] = "appletalk";
        n[9] = "x25";
        n[10] = "inet6";
        n[15] = "key";
        n[16] = "netlink";
        n[17] = "packet";
        n[21] = "rds";
        n[29] = "can";
        n[30] = "tipc";
        n[31] = "bluetooth";
        n[38] = "alg";
        n[40] = "vsock";
        n[41] = "kcm";
        n[42] = "qipcrtr";
        n[43] = "smc";
        n[44] = "xdp";
        n[45] = "mctp";
        return n;
    }

    /** The lower-case name of an address family ({@code inet}, {@code unix} ... {@code af<N>}); null when negative. */
    public static String familyName(int family) {
        if (family < 0) return null;
        return family < FAMILY_NAMES.length ? FAMILY_NAMES[family] : "af" + family;
    }

    /** The family of the sockaddr at seg[off], len bytes long; -1 when len < 2. */
    public static int family(MemorySegment seg, long off, int len) {
        if (len < 2) return -1;
        return Short.toUnsignedInt(seg.get(ValueLayout.JAVA_SHORT_UNALIGNED, off));
    }

    /**
     * Writes the text of the sockaddr at seg[off], len bytes, into out (at least {@link #MAX_TEXT}
     * bytes) and returns its length; -1 when the family is not one of those above or the struct is
     * too short for it.
     */
    public static int format(MemorySegment seg, long off, int len, byte[] out) {
        int family = family(seg, off, len);
        return switch (family) {
            case AF_INET -> len < 8 ? -1 : formatInet(seg, off, out);
            case AF_INET6 -> len < 24 ? -1 : formatInet6(seg, off, len, out);
            case AF_UNIX -> formatUnix(seg, off, len, out);
            case AF_NETLINK -> len < 8 ? -1 : formatNetlink(seg, off, out);
            default -> -1;
        };
    }

    /** {@link #format} as a String, null when it cannot be formatted (allocates: tests and tools). */
    public static String toString(MemorySegment seg, long off, int len) {
        byte[] out = new byte[MAX_TEXT];
        int n = format(seg, off, len, out);
        return n < 0 ? null : Strings.decode(Arrays.copyOf(out, n));
    }

    private static int port(MemorySegment seg, long off) {
        return (Byte.toUnsignedInt(seg.get(ValueLayout.JAVA_BYTE, off + 2)) << 8)
                | Byte.toUnsignedInt(seg.get(ValueLayout.JAVA_BYTE, off + 3));
    }

    private static int formatInet(MemorySegment seg, long off, byte[] out) {
        int w = ipv4(seg, off + 4, out, 0);
        out[w++] = ':';
        return decimal(port(seg, off), out, w);
    }

    private static int ipv4(MemorySegment seg, long at, byte[] out, int w) {
        for (int i = 0; i < 4; i++) {
            if (i > 0) out[w++] = '.';
            w = decimal(Byte.toUnsignedInt(seg.get(ValueLayout.JAVA_BYTE, at + i)), out, w);
        }
        return w;
    }

    private static int formatInet6(MemorySegment seg, long off, int len, byte[] out) {
        long a = off + 8;
        int w = 0;
        out[w++] = '[';
        boolean mapped = true;
        for (int i = 0; i < 10; i++) mapped &= seg.get(ValueLayout.JAVA_BYTE, a + i) == 0;
        mapped &= seg.get(ValueLayout.JAVA_BYTE, a + 10) == (byte) 0xff && seg.get(ValueLayout.JAVA_BYTE, a + 11) == (byte) 0xff;
        if (mapped) {
            for (byte c : MAPPED) out[w++] = c;
            w = ipv4(seg, a + 12, out, w);
        } else {
            // RFC 5952: the longest run (first if tied) of two or more zero groups becomes "::"
            int bestStart = -1, bestLen = 1, runStart = -1;
            for (int g = 0; g <= 8; g++) {
                boolean zero = g < 8 && group(seg, a, g) == 0;
                if (zero) {
                    if (runStart < 0) runStart = g;
                } else if (runStart >= 0) {
                    if (g - runStart > bestLen) {
                        bestStart = runStart;
                        bestLen = g - runStart;
                    }
                    runStart = -1;
                }
            }
            for (int g = 0; g < 8; g++) {
                if (g == bestStart) {
                    out[w++] = ':';
                    out[w++] = ':';
                    g += bestLen - 1;
                    continue;
                }
                if (g > 0 && g != bestStart + bestLen) out[w++] = ':';
                w = hex(group(seg, a, g), out, w);
            }
        }
        if (len >= 28) {
            int scope = seg.get(ValueLayout.JAVA_INT_UNALIGNED, off + 24);
            if (scope != 0) {
                out[w++] = '%';
                w = decimal(Integer.toUnsignedLong(scope), out, w);
            }
        }
        out[w++] = ']';
        out[w++] = ':';
        return decimal(port(seg, off), out, w);
    }

    private static int group(MemorySegment seg, long a, int g) {
        return (Byte.toUnsignedInt(seg.get(ValueLayout.JAVA_BYTE, a + 2L * g)) << 8)
                | Byte.toUnsignedInt(seg.get(ValueLayout.JAVA_BYTE, a + 2L * g + 1));
    }

    private static int formatUnix(MemorySegment seg, long off, int len, byte[] out) {
        int w = 0;
        for (byte c : UNIX) out[w++] = c;
        int n = Math.min(len - 2, UNIX_PATH_MAX);
        if (n <= 0) return w;
        long p = off + 2;
        if (seg.get(ValueLayout.JAVA_BYTE, p) == 0) {
            if (n == 1) return w; // autobind-style empty abstract name: treat as unnamed
            out[w++] = '@';
            for (int i = 1; i < n; i++) {
                byte c = seg.get(ValueLayout.JAVA_BYTE, p + i);
                if (c == 0) {
                    out[w++] = '\\';
                    out[w++] = 'x';
                    out[w++] = '0';
                    out[w++] = '0';
                } else {
                    out[w++] = c;
                }
            }
            return w;
        }
        for (int i = 0; i < n; i++) {
            byte c = seg.get(ValueLayout.JAVA_BYTE, p + i);
            if (c == 0) break;
            out[w++] = c;
        }
        return w;
    }

    private static int formatNetlink(MemorySegment seg, long off, byte[] out) {
        int w = 0;
        for (byte c : NETLINK) out[w++] = c;
        return decimal(Integer.toUnsignedLong(seg.get(ValueLayout.JAVA_INT_UNALIGNED, off + 4)), out, w);
    }

    private static int decimal(long v, byte[] out, int w) {
        if (v == 0) {
            out[w++] = '0';
            return w;
        }
        int start = w;
        while (v > 0) {
            out[w++] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        reverse(out, start, w);
        return w;
    }

    private static int hex(int v, byte[] out, int w) {
        if (v == 0) {
            out[w++] = '0';
            return w;
        }
        int start = w;
        while (v > 0) {
            out[w++] = HEX[v & 15];
            v >>>= 4;
        }
        reverse(out, start, w);
        return w;
    }

    private static void reverse(byte[] b, int from, int to) {
        for (int i = from, j = to - 1; i < j; i++, j--) {
            byte t = b[i];
            b[i] = b[j];
            b[j] = t;
        }
    }
}
