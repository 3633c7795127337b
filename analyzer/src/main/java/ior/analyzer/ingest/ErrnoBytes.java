package ior.analyzer.ingest;

import ior.analyzer.decode.Errno;

import java.nio.charset.StandardCharsets;

/** errno names as UTF-8 bytes indexed by errno, made once so rows copy bytes instead of building strings. */
final class ErrnoBytes {
    private ErrnoBytes() {}

    static byte[][] table() {
        byte[][] t = new byte[Errno.MAX_ERRNO + 1][];
        for (int e = 1; e <= Errno.MAX_ERRNO; e++) {
            String n = Errno.nameOf(e);
            t[e] = (n != null ? n : "E" + e).getBytes(StandardCharsets.UTF_8);
        }
        return t;
    }
}
