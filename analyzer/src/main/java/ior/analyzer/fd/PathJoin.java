package ior.analyzer.fd;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Joins a base directory and a captured path into one lexically cleaned path (as Go's
 * path.Clean: no "//", no ".", ".." folded), in reusable buffers: no allocation once they are
 * big enough. The result is {@link #out}[0, returned length).
 */
final class PathJoin {
    private byte[] in = new byte[512];
    byte[] out = new byte[512];

    /**
     * base (an absolute path, or null when unknown) joined with the len bytes at seg[off]. An
     * absolute rel ignores base; with base null a relative rel stays relative (cleaned).
     */
    int join(byte[] base, MemorySegment seg, long off, int len) {
        boolean abs = len > 0 && seg.get(ValueLayout.JAVA_BYTE, off) == '/';
        int n = 0;
        if (!abs && base != null) {
            ensure(base.length + 1 + len);
            System.arraycopy(base, 0, in, 0, base.length);
            n = base.length;
            in[n++] = '/';
        } else {
            ensure(len);
        }
        MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, off, in, n, len);
        n += len;
        return clean(in, n, out);
    }

    /** Cleans b[0, n) into out. */
    int cleanOnly(byte[] b, int n) {
        ensure(n);
        return clean(b, n, out);
    }

    private void ensure(int n) {
        if (in.length < n) in = new byte[Math.max(n, in.length * 2)];
        if (out.length < n + 1) out = new byte[Math.max(n + 1, out.length * 2)];
    }

    /** Go's path.Clean over bytes; out needs room for max(n, 1) bytes. Returns the length. */
    static int clean(byte[] in, int n, byte[] out) {
        if (n == 0) {
            out[0] = '.';
            return 1;
        }
        boolean rooted = in[0] == '/';
        int w = 0, r = 0, dotdot = 0;
        if (rooted) {
            out[w++] = '/';
            r = 1;
            dotdot = 1;
        }
        while (r < n) {
            byte c = in[r];
            if (c == '/') {
                r++;
            } else if (c == '.' && (r + 1 == n || in[r + 1] == '/')) {
                r++;
            } else if (c == '.' && in[r + 1] == '.' && (r + 2 == n || in[r + 2] == '/')) {
                r += 2;
                if (w > dotdot) {
                    w--;
                    while (w > dotdot && out[w] != '/') w--;
                } else if (!rooted) {
                    if (w > 0) out[w++] = '/';
                    out[w++] = '.';
                    out[w++] = '.';
                    dotdot = w;
                }
            } else {
                if ((rooted && w != 1) || (!rooted && w != 0)) out[w++] = '/';
                while (r < n && in[r] != '/') out[w++] = in[r++];
            }
        }
        if (w == 0) out[w++] = '.';
        return w;
    }
}
