package ior.bench;

/** The JVM flags FFM and Arrow need (the `ior` launcher passes the same), for @Fork(jvmArgsAppend). */
public final class Flags {
    private Flags() {}

    public static final String NATIVE = "--enable-native-access=ALL-UNNAMED";
    public static final String OPENS = "--add-opens=java.base/java.nio=ALL-UNNAMED";
    public static final String UNSAFE = "--sun-misc-unsafe-memory-access=allow";
    /**
     * Arrow without per-value bounds and reference-count checks, as the `ior` main sets it. To
     * measure Arrow with its checks, override: -jvmArgsAppend "NATIVE OPENS UNSAFE" (all three).
     */
    public static final String ARROW_UNCHECKED = "-Darrow.enable_unsafe_memory_access=true";
}
