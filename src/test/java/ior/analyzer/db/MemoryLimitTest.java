package ior.analyzer.db;

import ior.recorder.UserException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.*;

/** What counts as DuckDB running out of its cap, and which sizes the environment may give. */
class MemoryLimitTest {

    @Test
    void everyFormOfDuckDbsOutOfMemoryIsRecognised() {
        // Messages as DuckDB 1.4 (duckdb_jdbc 2.0.0.1) prints them; the second one came from a
        // commit during a 1MB-capped ingest in CI, where the "Out of Memory" prefix is missing.
        for (String m : new String[] {
                "Out of Memory Error: failed to pin block of size 256.0 KiB (476.7 MiB/476.8 MiB used)",
                "TransactionContext Error: Failed to commit: failed to pin block of size 256.0 KiB (817.3 KiB/976.5 KiB used)",
                "Invalid Input Error: could not allocate block of size 256.0 KiB (900.0 KiB/976.5 KiB used)",
                "failed to allocate data of size 2.0 MiB (512.0 KiB/976.5 KiB used)"}) {
            assertTrue(MemoryLimit.isOutOfMemory(new SQLException(m)), m);
            assertTrue(MemoryLimit.isOutOfMemory(new RuntimeException("ingest failed", new SQLException(m))), "wrapped: " + m);
        }
        assertFalse(MemoryLimit.isOutOfMemory(new SQLException("Catalog Error: Table with name x does not exist!")));
        assertFalse(MemoryLimit.isOutOfMemory(new RuntimeException((String) null)));
    }

    @Test
    void sizesAreTakenOrRefused() {
        assertEquals("1GB", MemoryLimit.parse("IOR_INGEST_MEMORY", null, "1GB"));
        assertEquals("1GB", MemoryLimit.parse("IOR_INGEST_MEMORY", "  ", "1GB"));
        assertEquals("512MB", MemoryLimit.parse("IOR_INGEST_MEMORY", " 512MB ", "1GB"));
        assertEquals("1.5GiB", MemoryLimit.parse("IOR_INGEST_MEMORY", "1.5GiB", "1GB"));
        UserException e = assertThrows(UserException.class, () -> MemoryLimit.parse("IOR_INGEST_MEMORY", "lots", "1GB"));
        assertEquals("IOR_INGEST_MEMORY=lots: not a size (use e.g. 512MB or 4GB)", e.getMessage());
    }
}
