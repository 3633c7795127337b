package ior.analyzer.chart;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UnitTest {
    @Test
    void bytesReadAsBinaryUnits() {
        assertEquals("0 B", Unit.BYTES.format(0));
        assertEquals("512 B", Unit.BYTES.format(512));
        assertEquals("1.5 KiB", Unit.BYTES.format(1536));
        assertEquals("10 MiB", Unit.BYTES.format(10 << 20));
        assertEquals("1.25 GiB/s", Unit.BYTES_PER_SECOND.format(1.25 * (1 << 30)));
        assertEquals("4 KiB (4,096 B)", Unit.BYTES.formatExact(4096));
    }

    @Test
    void durationsPickTheirUnit() {
        assertEquals("850 ns", Unit.NANOS.format(850));
        assertEquals("1.5 µs", Unit.NANOS.format(1500));
        assertEquals("12.3 ms", Unit.NANOS.format(12_300_000));
        assertEquals("2 s", Unit.NANOS.format(2e9));
        assertEquals("250 ms", Unit.SECONDS.format(0.25));
        assertEquals("300 s", Unit.SECONDS.format(300));
        assertEquals("15 min", Unit.SECONDS.format(900));
        assertEquals("0", Unit.SECONDS.format(0));
    }

    @Test
    void countsAndRates() {
        assertEquals("1,234", Unit.COUNT.format(1234));
        assertEquals("12.3k", Unit.COUNT.format(12_345));
        assertEquals("4.5M/s", Unit.PER_SECOND.format(4_500_000));
        assertEquals("1,234,567", Unit.COUNT.formatExact(1_234_567));
        assertEquals("0.25", Unit.NONE.format(0.25));
    }

    @Test
    void unitsComeFromColumnNames() {
        assertEquals(Unit.NANOS, Unit.infer("latency_ns"));
        assertEquals(Unit.NANOS, Unit.infer("total_latency_ns"));
        assertEquals(Unit.BYTES, Unit.infer("bytes"));
        assertEquals(Unit.BYTES, Unit.infer("read_bytes"));
        assertEquals(Unit.BYTES_PER_SECOND, Unit.infer("bytes_per_s"));
        assertEquals(Unit.PER_SECOND, Unit.infer("calls_per_s"));
        assertEquals(Unit.SECONDS, Unit.infer("t_s"));
        assertEquals(Unit.MILLIS, Unit.infer("p99_ms"));
        assertEquals(Unit.COUNT, Unit.infer("count_star()"));
        assertEquals(Unit.COUNT, Unit.infer("calls"));
        assertEquals(Unit.NONE, Unit.infer("pid"));
        assertEquals(Unit.BYTES_PER_SECOND, Unit.parse("bytes/s"));
        assertEquals(Unit.MICROS, Unit.parse("us"));
    }
}
