package ior.bench;

/** The JVM flags FFM and Arrow need (the `ior` launcher passes the same), for @Fork(jvmArgsAppend). */
public final class Flags {
    private Flags() {}

    public static final String NATIVE = "--enable-native-access=ALL-UNNAMED";
    public static final String OPENS = "--add-opens=java.base/java.nio=ALL-UNNAMED";
    public static final String UNSAFE = "--sun-misc-unsafe-memory-access=allow";
}
