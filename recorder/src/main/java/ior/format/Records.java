package ior.format;

/**
 * Byte offsets of the records the BPF program writes; mirrors bpf/ior_records.h, and
 * RecordLayoutTest compiles that header to keep the two equal. Offsets are relative to the start
 * of a record (after the kernel's 8-byte ring-buffer header).
 */
public final class Records {
    private Records() {}

    public static final int LAYOUT_VERSION = 2; // IOR_FORMAT_RECORDS
    /** Layouts this reader understands: 1 is 2 without SYS_CALL records and the dropped_call counter. */
    public static final int OLDEST_LAYOUT = 1;

    public static final int SYS_ENTER = 1;
    public static final int SYS_EXIT = 2;
    public static final int PROC_FORK = 3;
    public static final int PROC_EXEC = 4;
    public static final int PROC_EXIT = 5;
    public static final int TASK_RENAME = 6;
    public static final int SYS_CALL = 7;

    // ior_hdr
    public static final int HDR_TS = 0;
    public static final int HDR_TID = 8;
    public static final int HDR_TYPE = 12;
    public static final int HDR_NR = 14;
    public static final int HDR_SIZE = 16;

    // ior_sys_enter
    public static final int ENTER_PID = 16;
    public static final int ENTER_NARGS = 20;
    public static final int ENTER_FLAGS = 21;
    public static final int ENTER_ITEMS_LEN = 22;
    public static final int ENTER_ARGS = 24;

    // ior_sys_exit
    public static final int EXIT_RET = 16;
    public static final int EXIT_ITEMS = 24;

    // ior_sys_call: a whole call in one record (layout 2)
    public static final int CALL_PID = 16;
    public static final int CALL_LATENCY = 20;
    public static final int CALL_RET = 24;
    public static final int CALL_ARGS = 32;

    // ior_proc_fork
    public static final int FORK_PARENT_PID = 16;
    public static final int FORK_CHILD_PID = 20;
    public static final int FORK_CHILD_TID = 24;
    public static final int FORK_FLAGS = 28;
    public static final int FORK_COMM = 32;
    public static final int FORK_SIZE = 48;

    // ior_proc_exec
    public static final int EXEC_PID = 16;
    public static final int EXEC_OLD_TID = 20;
    public static final int EXEC_FILENAME_LEN = 24;
    public static final int EXEC_ARGV_LEN = 26;
    public static final int EXEC_COMM = 32;
    public static final int EXEC_DATA = 48;

    // ior_proc_exit
    public static final int PEXIT_PID = 16;
    public static final int PEXIT_CODE = 20;
    public static final int PEXIT_FLAGS = 24;
    public static final int PEXIT_SIZE = 32;

    // ior_task_rename
    public static final int RENAME_PID = 16;
    public static final int RENAME_COMM = 24;
    public static final int RENAME_SIZE = 40;

    public static final int COMM_LEN = 16;
    /** PID_MAX_LIMIT of a 64-bit kernel: no real pid or tid is larger. */
    public static final int PID_MAX = 1 << 22;

    // items: { u8 kind; u8 arg; u16 len; bytes } padded to 4
    public static final int ITEM_STR = 1;
    public static final int ITEM_BUF = 2;
    public static final int ITEM_HEADER = 4;

    public static final int F_STR_TRUNC = 0x01;
    public static final int F_READ_FAIL = 0x02;
    public static final int F_COMPAT = 0x04;

    public static final int FORK_THREAD = 0x01;
    public static final int FORK_SHARES_FILES = 0x02;
    public static final int EXIT_GROUP_DEAD = 0x01;

    // capture table entry (struct ior_capture)
    public static final int CAP_NARGS = 0;
    public static final int CAP_FLAGS = 1;
    public static final int CAP_STR_ARG = 2;
    public static final int CAP_IN_ARG = 4;
    public static final int CAP_IN_LEN_ARG = 5;
    public static final int CAP_IN_LEN = 6;
    public static final int CAP_OUT_ARG = 8;
    public static final int CAP_OUT_LEN_ARG = 9;
    public static final int CAP_OUT_LEN = 10;
    public static final int CAP_SIZE = 16;
    public static final int CAP_TRACE = 0x01;
    public static final int CAP_KEEP = 0x02;
    public static final int CAP_PAIR = 0x04;
    public static final int MAX_SYSCALLS = 512;
    public static final int BUF_MAX = 128;

    // struct ior_settings: the BPF object's .rodata, written by the recorder before load
    public static final int SET_SELF_PID = 0;
    public static final int SET_FILTER_PIDS = 4;
    public static final int SET_FILTER_COMM = 5;
    public static final int SET_TARGET_COMM = 8;
    public static final int SET_WAKEUP_BYTES = 24;
    public static final int SET_CLOCK_OFFSET = 32;
    public static final int SET_SIZE = 40;

    // stats map indexes
    public static final int STAT_DROP_ENTER = 0;
    public static final int STAT_DROP_EXIT = 1;
    public static final int STAT_DROP_PROC = 2;
    public static final int STAT_READ_FAIL = 3;
    public static final int STAT_DROP_CALL = 4;
    public static final int STAT_COUNT = 5;
    /** The counters of records the kernel dropped ("lost events"); failed user reads lose no record. */
    private static final int[] LOST_STATS = {STAT_DROP_ENTER, STAT_DROP_EXIT, STAT_DROP_PROC, STAT_DROP_CALL};

    /** Sum of the lost-record counters in perCounter (indexed by STAT_*), over what it holds. */
    public static long lostRecords(long[] perCounter) {
        long n = 0;
        for (int k : LOST_STATS) if (k < perCounter.length) n += perCounter[k];
        return n;
    }

    public static final String[] STAT_NAMES = {"dropped_enter", "dropped_exit", "dropped_lifecycle", "failed_user_reads", "dropped_call"};

    public static String typeName(int type) {
        return switch (type) {
            case SYS_ENTER -> "sys_enter";
            case SYS_EXIT -> "sys_exit";
            case PROC_FORK -> "fork";
            case PROC_EXEC -> "exec";
            case PROC_EXIT -> "exit";
            case TASK_RENAME -> "rename";
            case SYS_CALL -> "sys_call";
            default -> "type" + type;
        };
    }
}
