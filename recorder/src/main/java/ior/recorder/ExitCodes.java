package ior.recorder;

/**
 * Exit codes of every ior command (docs/exit-codes.md lists them). With {@code ior record -- CMD}
 * ior exits with the command's status instead, as strace does, unless ior itself failed.
 */
public final class ExitCodes {
    private ExitCodes() {}

    public static final int OK = 0;
    /** An unexpected failure: a bug; run with --verbose and report it. */
    public static final int FAILURE = 1;
    /** Bad command line. */
    public static final int USAGE = 2;
    /** Not root and missing CAP_BPF/CAP_PERFMON. */
    public static final int PERMISSION = 3;
    /** The host cannot record (no BTF, libbpf missing, kernel too old, tracefs unavailable), or the installation is incomplete. */
    public static final int ENVIRONMENT = 4;
    /** Writing the trace failed (disk full, I/O error); the file is kept up to its last whole chunk. */
    public static final int WRITE_ERROR = 5;
    /** An input file is missing, unreadable or not a valid ior trace. */
    public static final int BAD_INPUT = 6;
    /** The recorded command could not be started. */
    public static final int COMMAND_NOT_STARTED = 127;
}
