package ior.analyzer.db;

import ior.recorder.ExitCodes;
import ior.recorder.UserException;

/**
 * DuckDB memory caps that users may change through the environment (IOR_INGEST_MEMORY for the
 * cache build, IOR_PRINT_MEMORY for ior print's sort). A value that is not a size is a usage
 * error, not a silent fallback: the user asked for a limit and must know it was not taken.
 */
public final class MemoryLimit {
    private MemoryLimit() {}

    /** The variable's value if it is a DuckDB size (512MB, 2GB, 1.5GiB ...), else dflt when unset. */
    public static String fromEnv(String variable, String dflt) {
        return parse(variable, System.getenv(variable), dflt);
    }

    static String parse(String variable, String value, String dflt) {
        if (value == null || value.isBlank()) return dflt;
        String v = value.strip();
        if (!v.matches("\\d+(\\.\\d+)?\\s*[KMGT]i?B")) throw new UserException(ExitCodes.USAGE, variable + "=" + value + ": not a size (use e.g. 512MB or 4GB)");
        return v;
    }

    /** DuckDB's messages when a build or sort outgrew its cap (during a checkpoint, the second one). */
    public static boolean isOutOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause())
            if (t.getMessage() != null && (t.getMessage().contains("Out of Memory") || t.getMessage().contains("could not allocate block of size")))
                return true;
        return false;
    }
}
