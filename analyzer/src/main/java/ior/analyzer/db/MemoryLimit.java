package ior.analyzer.db;

import ior.recorder.ExitCodes;
import ior.recorder.UserException;

import java.util.List;

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

    /**
     * DuckDB's buffer-manager messages when a build or sort outgrew its cap. Which one comes depends
     * on where the cap was hit: a query says "Out of Memory Error: ...", but a commit or checkpoint
     * wraps the same buffer-pool message in a TransactionContext error without that prefix, so the
     * buffer pool's own phrases are matched too.
     */
    private static final List<String> OUT_OF_MEMORY = List.of(
            "Out of Memory", "could not allocate block of size", "failed to pin block of size", "failed to allocate data of size");

    public static boolean isOutOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && OUT_OF_MEMORY.stream().anyMatch(m::contains)) return true;
        }
        return false;
    }
}
