package ior.analyzer.table;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Fills one Arrow record batch of a table, row by row, with typed setters by column index; a
 * full batch goes to the {@link Flusher} (DuckDB) and the vectors are reused. Typed vector arrays
 * avoid casts and lookups per value; strings go in as bytes.
 */
public final class BatchBuilder implements AutoCloseable {
    /** Takes a full batch (root holds rowCount rows); must not keep references after returning. */
    public interface Flusher {
        void flush(TableDef table, VectorSchemaRoot root) throws Exception;
    }

    private final TableDef def;
    private final VectorSchemaRoot root;
    private final Flusher flusher;
    /** Rows of a full batch, and of the batch being filled: the first ones are smaller (FIRST_ROWS). */
    private final int capacity;
    private int batchRows;
    private final BigIntVector[] longs;
    private final IntVector[] ints;
    private final SmallIntVector[] shorts;
    private final BitVector[] bools;
    private final VarCharVector[] texts;
    private final TimeStampMicroVector[] times;
    private final Float8Vector[] doubles;
    /** Columns every row sets (everyRow): their values go in without a validity bit each. */
    private final boolean[] everyRow;
    /** The value buffers of the BIGINT and INT columns, fetched again with every new batch. */
    private final ArrowBuf[] data;
    private int row;
    private long total;
    /**
     * The first batch's rows; each next batch doubles up to the capacity. A table's builder is
     * made before its first row (the syscalls table has four, one per stored part, of which a
     * trace may fill one): full-size vectors for all of them were ~30 MB allocated and zeroed on
     * the replay thread before its first row, and the loaders wait for a first batch less long.
     */
    static final int FIRST_ROWS = 4096;

    public BatchBuilder(TableDef def, BufferAllocator allocator, int capacity, Flusher flusher) {
        this.def = def;
        this.root = VectorSchemaRoot.create(def.schema(), allocator);
        this.flusher = flusher;
        this.capacity = capacity;
        this.batchRows = Math.min(capacity, FIRST_ROWS);
        java.util.List<Col> cols = def.storedColumns();
        int n = cols.size();
        longs = new BigIntVector[n];
        ints = new IntVector[n];
        shorts = new SmallIntVector[n];
        bools = new BitVector[n];
        texts = new VarCharVector[n];
        times = new TimeStampMicroVector[n];
        doubles = new Float8Vector[n];
        everyRow = new boolean[n];
        data = new ArrowBuf[n];
        for (int i = 0; i < n; i++) {
            FieldVector v = root.getVector(i);
            switch (cols.get(i).type()) {
                case BIGINT -> longs[i] = (BigIntVector) v;
                case INT -> ints[i] = (IntVector) v;
                case SMALLINT -> shorts[i] = (SmallIntVector) v;
                case BOOLEAN -> bools[i] = (BitVector) v;
                case VARCHAR -> texts[i] = (VarCharVector) v;
                case TIMESTAMP -> times[i] = (TimeStampMicroVector) v;
                case DOUBLE -> doubles[i] = (Float8Vector) v;
            }
        }
        allocate();
    }

    private void allocate() {
        for (FieldVector v : root.getFieldVectors()) {
            v.setInitialCapacity(batchRows);
            v.allocateNew();
        }
        for (int i = 0; i < data.length; i++)
            data[i] = longs[i] != null ? longs[i].getDataBuffer() : ints[i] != null ? ints[i].getDataBuffer() : null;
        row = 0;
    }

    /**
     * Declares that every row of every batch sets BIGINT or INT column col, with {@link #putLong}
     * or {@link #putInt}: those write the value only, and the whole batch's validity is set once
     * when it is flushed (a validity bit written per value cost the replay ~10 % more).
     */
    public void everyRow(int col) {
        if (data[col] == null) throw new IllegalArgumentException(def.name() + " column " + col + " is not BIGINT or INT");
        everyRow[col] = true;
    }

    /** The value of a column declared {@link #everyRow}: every row must set it. */
    public void putLong(int col, long v) {
        data[col].setLong((long) row << 3, v);
    }

    /** The value of a column declared {@link #everyRow}: every row must set it. */
    public void putInt(int col, int v) {
        data[col].setInt((long) row << 2, v);
    }

    /** Marks rows [0, row) valid in the columns declared everyRow. */
    private void markEveryRowValid() {
        for (int i = 0; i < everyRow.length; i++) {
            if (!everyRow[i]) continue;
            ArrowBuf validity = (longs[i] != null ? longs[i] : ints[i]).getValidityBuffer();
            int full = row >>> 3;
            validity.setOne(0, full);
            if ((row & 7) != 0) validity.setByte(full, (1 << (row & 7)) - 1);
        }
    }

    public TableDef def() {
        return def;
    }

    /** Rows are filled at {@link #row()}; unset columns stay NULL. Call {@link #endRow()} after each. */
    public int row() {
        return row;
    }

    public void setLong(int col, long v) {
        longs[col].set(row, v);
    }

    public void setInt(int col, int v) {
        ints[col].set(row, v);
    }

    public void setShort(int col, short v) {
        shorts[col].set(row, v);
    }

    public void setBool(int col, boolean v) {
        bools[col].set(row, v ? 1 : 0);
    }

    public void setDouble(int col, double v) {
        doubles[col].set(row, v);
    }

    public void setMicros(int col, long epochMicros) {
        times[col].set(row, epochMicros);
    }

    public void setBytes(int col, byte[] b) {
        if (b != null) texts[col].setSafe(row, b);
    }

    public void setBytes(int col, ByteBuffer b, int start, int len) {
        texts[col].setSafe(row, b, start, len);
    }

    public void setText(int col, String s) {
        if (s != null) texts[col].setSafe(row, s.getBytes(StandardCharsets.UTF_8));
    }

    public void endRow() throws Exception {
        row++;
        total++;
        if (row == batchRows) flush();
    }

    public long totalRows() {
        return total;
    }

    /** Hands the filled rows to the flusher and starts a new batch in the same vectors. */
    public void flush() throws Exception {
        if (row == 0) return;
        markEveryRowValid();
        for (FieldVector v : root.getFieldVectors()) v.setValueCount(row);
        root.setRowCount(row);
        flusher.flush(def, root);
        batchRows = Math.min(capacity, batchRows * 2);
        allocate(); // the flusher may have taken the buffers: start the next batch in fresh ones
    }

    /** Flushes even when empty, so the table exists with its schema. */
    public void flushAlways() throws Exception {
        markEveryRowValid();
        for (FieldVector v : root.getFieldVectors()) v.setValueCount(row);
        root.setRowCount(row);
        flusher.flush(def, root);
        allocate();
    }

    @Override
    public void close() {
        root.close();
    }
}
