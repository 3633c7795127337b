package ior.analyzer.ingest;

import ior.analyzer.model.SyscallView;
import ior.analyzer.table.BatchBuilder;
import ior.format.Snapshot;
import ior.syscalls.SyscallTable;

/** Bridges the fd-state engine to the tables: the fd and path of each row, and the fds table. */
final class FileTracker {
    interface StatSink {
        void stat(String name, long value, String severity, String description);
    }

    private final SyscallTable table;
    private final BatchBuilder fdRows;
    private final long bootToWall;

    FileTracker(SyscallTable table, BatchBuilder fdRows, long bootToWall) {
        this.table = table;
        this.fdRows = fdRows;
        this.bootToWall = bootToWall;
    }

    void seed(Snapshot s) {
    }

    void fork(int parentTid, int parentPid, int childPid, int childTid, boolean sharesFiles, boolean thread, long ts) {
    }

    void exec(int pid, int tid, long ts) {
    }

    void exitTask(int pid, int tid, boolean groupDead, long ts) {
    }

    void describe(SyscallView call, SyscallRows.FileInfo out) {
    }

    void apply(SyscallView call) {
    }

    void finish(long endTs) {
    }

    void addStats(StatSink sink) {
    }
}
