package ior.analyzer.table;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** BatchBuilder's columns set in every row: values without a bit each, the batch marked valid at flush. */
class BatchBuilderTest {
    private static final TableDef T = new TableDef("t", "test", List.of(
            Col.bigint("a", "every row"), Col.integer("b", "every row"), Col.bigint("c", "sometimes"), Col.text("d", "text")));

    @Test
    void everyRowColumnsAreValidInFullAndPartialBatches() throws Exception {
        // batches of 10: 23 rows make two full ones and a partial one of 3 (a validity byte cut short)
        List<String> seen = new ArrayList<>();
        try (BufferAllocator alloc = new RootAllocator(); BatchBuilder b = new BatchBuilder(T, alloc, 10, (def, root) -> seen.add(describe(root)))) {
            b.everyRow(0);
            b.everyRow(1);
            for (int i = 0; i < 23; i++) {
                b.putLong(0, 1000L + i);
                b.putInt(1, -i);
                if (i % 2 == 0) b.setLong(2, i);
                b.endRow();
            }
            b.flush();
        }
        assertEquals(List.of(
                "1000/0/0 1001/-1/null 1002/-2/2 1003/-3/null 1004/-4/4 1005/-5/null 1006/-6/6 1007/-7/null 1008/-8/8 1009/-9/null",
                "1010/-10/10 1011/-11/null 1012/-12/12 1013/-13/null 1014/-14/14 1015/-15/null 1016/-16/16 1017/-17/null 1018/-18/18 1019/-19/null",
                "1020/-20/20 1021/-21/null 1022/-22/22"), seen);
    }

    @Test
    void batchesStartSmallAndDoubleUpToTheCapacity() throws Exception {
        List<Integer> sizes = new ArrayList<>();
        try (BufferAllocator alloc = new RootAllocator(); BatchBuilder b = new BatchBuilder(T, alloc, 20_000, (def, root) -> sizes.add(root.getRowCount()))) {
            for (int i = 0; i < 60_000; i++) {
                b.setLong(0, i);
                b.endRow();
            }
            b.flush();
        }
        assertEquals(List.of(BatchBuilder.FIRST_ROWS, 2 * BatchBuilder.FIRST_ROWS, 4 * BatchBuilder.FIRST_ROWS, 20_000, 60_000 - 7 * BatchBuilder.FIRST_ROWS - 20_000), sizes);
    }

    @Test
    void onlyBigintAndIntColumnsCanBeEveryRow() throws Exception {
        try (BufferAllocator alloc = new RootAllocator(); BatchBuilder b = new BatchBuilder(T, alloc, 10, (def, root) -> { })) {
            assertThrows(IllegalArgumentException.class, () -> b.everyRow(3));
        }
    }

    private static String describe(VectorSchemaRoot root) {
        BigIntVector a = (BigIntVector) root.getVector(0), c = (BigIntVector) root.getVector(2);
        IntVector bv = (IntVector) root.getVector(1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < root.getRowCount(); i++) {
            assertFalse(a.isNull(i));
            assertFalse(bv.isNull(i));
            sb.append(i > 0 ? " " : "").append(a.get(i)).append('/').append(bv.get(i)).append('/').append(c.isNull(i) ? "null" : Long.toString(c.get(i)));
        }
        assertEquals(root.getRowCount() - (root.getRowCount() + 1) / 2, c.getNullCount());
        assertTrue(a.getNullCount() == 0 && bv.getNullCount() == 0, "no NULLs in the every-row columns");
        return sb.toString();
    }
}
