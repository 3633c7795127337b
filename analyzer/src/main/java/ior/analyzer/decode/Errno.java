package ior.analyzer.decode;

import java.util.HashMap;
import java.util.Map;

/**
 * Names, messages and coarse groups of the errno values a syscall returns on x86_64 Linux (a return in
 * {@code -4095..-1} is {@code -errno}).
 *
 * <p>Besides the user-visible values 1..133 (asm-generic/errno-base.h and errno.h, with the canonical name where two
 * share a number: EAGAIN not EWOULDBLOCK, EDEADLK not EDEADLOCK, EOPNOTSUPP not ENOTSUP), this knows the
 * kernel-internal codes 512..531 of include/linux/errno.h. A tracepoint at syscall exit sees them: ERESTARTSYS and its
 * kin mean the call was interrupted by a signal and restarted (or turned into EINTR) before user space saw anything.
 */
public final class Errno {
    /** The largest errno: a return in {@code -MAX_ERRNO..-1} is an error, anything below is a value (an address). */
    public static final int MAX_ERRNO = 4095;

    public static final int EINTR = 4;
    public static final int EAGAIN = 11;
    public static final int ERESTARTSYS = 512;
    public static final int ERESTARTNOINTR = 513;
    public static final int ERESTARTNOHAND = 514;
    public static final int ENOIOCTLCMD = 515;
    public static final int ERESTART_RESTARTBLOCK = 516;

    /** Groups returned by {@link #group}. */
    public static final String GROUP_NOT_FOUND = "not found";
    public static final String GROUP_PERMISSION = "permission";
    public static final String GROUP_WOULD_BLOCK = "would block";
    public static final String GROUP_INTERRUPTED = "interrupted";
    public static final String GROUP_BAD_FD = "bad fd";
    public static final String GROUP_EXISTS = "exists";
    public static final String GROUP_INVALID = "invalid";
    public static final String GROUP_RESOURCE = "resource";
    public static final String GROUP_NETWORK = "network";
    public static final String GROUP_OTHER = "other";

    /** name, message for errno 1, 2, ...; null where the number is unused. Messages are glibc's strerror texts. */
    private static final String[] USER = {
            "EPERM", "Operation not permitted", // 1
            "ENOENT", "No such file or directory", // 2
            "ESRCH", "No such process", // 3
            "EINTR", "Interrupted system call", // 4
            "EIO", "Input/output error", // 5
            "ENXIO", "No such device or address", // 6
            "E2BIG", "Argument list too long", // 7
            "ENOEXEC", "Exec format error", // 8
            "EBADF", "Bad file descriptor", // 9
            "ECHILD", "No child processes", // 10
            "EAGAIN", "Resource temporarily unavailable", // 11
            "ENOMEM", "Cannot allocate memory", // 12
            "EACCES", "Permission denied", // 13
            "EFAULT", "Bad address", // 14
            "ENOTBLK", "Block device required", // 15
            "EBUSY", "Device or resource busy", // 16
            "EEXIST", "File exists", // 17
            "EXDEV", "Invalid cross-device link", // 18
            "ENODEV", "No such device", // 19
            "ENOTDIR", "Not a directory", // 20
            "EISDIR", "Is a directory", // 21
            "EINVAL", "Invalid argument", // 22
            "ENFILE", "Too many open files in system", // 23
            "EMFILE", "Too many open files", // 24
            "ENOTTY", "Inappropriate ioctl for device", // 25
            "ETXTBSY", "Text file busy", // 26
            "EFBIG", "File too large", // 27
            "ENOSPC", "No space left on device", // 28
            "ESPIPE", "Illegal seek", // 29
            "EROFS", "Read-only file system", // 30
            "EMLINK", "Too many links", // 31
            "EPIPE", "Broken pipe", // 32
            "EDOM", "Numerical argument out of domain", // 33
            "ERANGE", "Numerical result out of range", // 34
            "EDEADLK", "Resource deadlock avoided", // 35
            "ENAMETOOLONG", "File name too long", // 36
            "ENOLCK", "No locks available", // 37
            "ENOSYS", "Function not implemented", // 38
            "ENOTEMPTY", "Directory not empty", // 39
            "ELOOP", "Too many levels of symbolic links", // 40
            null, null, // 41 unused
            "ENOMSG", "No message of desired type", // 42
            "EIDRM", "Identifier removed", // 43
            "ECHRNG", "Channel number out of range", // 44
            "EL2NSYNC", "Level 2 not synchronized", // 45
            "EL3HLT", "Level 3 halted", // 46
            "EL3RST", "Level 3 reset", // 47
            "ELNRNG", "Link number out of range", // 48
            "EUNATCH", "Protocol driver not attached", // 49
            "ENOCSI", "No CSI structure available", // 50
            "EL2HLT", "Level 2 halted", // 51
            "EBADE", "Invalid exchange", // 52
            "EBADR", "Invalid request descriptor", // 53
            "EXFULL", "Exchange full", // 54
            "ENOANO", "No anode", // 55
            "EBADRQC", "Invalid request code", // 56
            "EBADSLT", "Invalid slot", // 57
            null, null, // 58 unused
            "EBFONT", "Bad font file format", // 59
            "ENOSTR", "Device not a stream", // 60
            "ENODATA", "No data available", // 61
            "ETIME", "Timer expired", // 62
            "ENOSR", "Out of streams resources", // 63
            "ENONET", "Machine is not on the network", // 64
            "ENOPKG", "Package not installed", // 65
            "EREMOTE", "Object is remote", // 66
            "ENOLINK", "Link has been severed", // 67
            "EADV", "Advertise error", // 68
            "ESRMNT", "Srmount error", // 69
            "ECOMM", "Communication error on send", // 70
            "EPROTO", "Protocol error", // 71
            "EMULTIHOP", "Multihop attempted", // 72
            "EDOTDOT", "RFS specific error", // 73
            "EBADMSG", "Bad message", // 74
            "EOVERFLOW", "Value too large for defined data type", // 75
            "ENOTUNIQ", "Name not unique on network", // 76
            "EBADFD", "File descriptor in bad state", // 77
            "EREMCHG", "Remote address changed", // 78
            "ELIBACC", "Can not access a needed shared library", // 79
            "ELIBBAD", "Accessing a corrupted shared library", // 80
            "ELIBSCN", ".lib section in a.out corrupted", // 81
            "ELIBMAX", "Attempting to link in too many shared libraries", // 82
            "ELIBEXEC", "Cannot exec a shared library directly", // 83
            "EILSEQ", "Invalid or incomplete multibyte or wide character", // 84
            "ERESTART", "Interrupted system call should be restarted", // 85
            "ESTRPIPE", "Streams pipe error", // 86
            "EUSERS", "Too many users", // 87
            "ENOTSOCK", "Socket operation on non-socket", // 88
            "EDESTADDRREQ", "Destination address required", // 89
            "EMSGSIZE", "Message too long", // 90
            "EPROTOTYPE", "Protocol wrong type for socket", // 91
            "ENOPROTOOPT", "Protocol not available", // 92
            "EPROTONOSUPPORT", "Protocol not supported", // 93
            "ESOCKTNOSUPPORT", "Socket type not supported", // 94
            "EOPNOTSUPP", "Operation not supported", // 95
            "EPFNOSUPPORT", "Protocol family not supported", // 96
            "EAFNOSUPPORT", "Address family not supported by protocol", // 97
            "EADDRINUSE", "Address already in use", // 98
            "EADDRNOTAVAIL", "Cannot assign requested address", // 99
            "ENETDOWN", "Network is down", // 100
            "ENETUNREACH", "Network is unreachable", // 101
            "ENETRESET", "Network dropped connection on reset", // 102
            "ECONNABORTED", "Software caused connection abort", // 103
            "ECONNRESET", "Connection reset by peer", // 104
            "ENOBUFS", "No buffer space available", // 105
            "EISCONN", "Transport endpoint is already connected", // 106
            "ENOTCONN", "Transport endpoint is not connected", // 107
            "ESHUTDOWN", "Cannot send after transport endpoint shutdown", // 108
            "ETOOMANYREFS", "Too many references: cannot splice", // 109
            "ETIMEDOUT", "Connection timed out", // 110
            "ECONNREFUSED", "Connection refused", // 111
            "EHOSTDOWN", "Host is down", // 112
            "EHOSTUNREACH", "No route to host", // 113
            "EALREADY", "Operation already in progress", // 114
            "EINPROGRESS", "Operation now in progress", // 115
            "ESTALE", "Stale file handle", // 116
            "EUCLEAN", "Structure needs cleaning", // 117
            "ENOTNAM", "Not a XENIX named type file", // 118
            "ENAVAIL", "No XENIX semaphores available", // 119
            "EISNAM", "Is a named type file", // 120
            "EREMOTEIO", "Remote I/O error", // 121
            "EDQUOT", "Disk quota exceeded", // 122
            "ENOMEDIUM", "No medium found", // 123
            "EMEDIUMTYPE", "Wrong medium type", // 124
            "ECANCELED", "Operation canceled", // 125
            "ENOKEY", "Required key not available", // 126
            "EKEYEXPIRED", "Key has expired", // 127
            "EKEYREVOKED", "Key has been revoked", // 128
            "EKEYREJECTED", "Key was rejected by service", // 129
            "EOWNERDEAD", "Owner died", // 130
            "ENOTRECOVERABLE", "State not recoverable", // 131
            "ERFKILL", "Operation not possible due to RF-kill", // 132
            "EHWPOISON", "Memory page has hardware error", // 133
    };

    /** include/linux/errno.h: never returned to user space, but visible at the syscall exit tracepoint. */
    private static final String[] KERNEL = {
            "ERESTARTSYS", "Interrupted system call (restarted)", // 512
            "ERESTARTNOINTR", "Interrupted system call (restarted)", // 513
            "ERESTARTNOHAND", "Interrupted system call (restarted if no handler)", // 514
            "ENOIOCTLCMD", "No ioctl command", // 515
            "ERESTART_RESTARTBLOCK", "Interrupted system call (restarted by restart_syscall)", // 516
            "EPROBE_DEFER", "Driver requests probe retry", // 517
            "EOPENSTALE", "Open found a stale dentry", // 518
            "ENOPARAM", "Parameter not supported", // 519
            null, null, // 520 unused
            "EBADHANDLE", "Illegal NFS file handle", // 521
            "ENOTSYNC", "Update synchronization mismatch", // 522
            "EBADCOOKIE", "Cookie is stale", // 523
            "ENOTSUPP", "Operation is not supported", // 524
            "ETOOSMALL", "Buffer or request is too small", // 525
            "ESERVERFAULT", "An untranslatable error occurred", // 526
            "EBADTYPE", "Type not supported by server", // 527
            "EJUKEBOX", "Request initiated, but will not complete before timeout", // 528
            "EIOCBQUEUED", "iocb queued, will get completion event", // 529
            "ERECALLCONFLICT", "Conflict with recalled state", // 530
            "ENOGRACE", "NFS file lock reclaim refused", // 531
    };
    private static final int KERNEL_BASE = 512;

    /** The largest errno with a name of its own; above it every name is "E" + number. */
    public static final int MAX_NAMED = KERNEL_BASE + KERNEL.length / 2 - 1;

    /** Name of every errno 1..MAX_ERRNO; unnamed ones are "E" + number, filled in on first use. */
    private static final String[] NAMES = new String[MAX_ERRNO + 1];
    private static final Map<String, Integer> NUMBERS = new HashMap<>();
    private static final Map<String, String> GROUPS = new HashMap<>();

    static {
        for (int i = 0; i < USER.length / 2; i++) {
            if (USER[2 * i] != null) {
                NAMES[i + 1] = USER[2 * i];
                NUMBERS.put(USER[2 * i], i + 1);
            }
        }
        for (int i = 0; i < KERNEL.length / 2; i++) {
            if (KERNEL[2 * i] != null) {
                NAMES[KERNEL_BASE + i] = KERNEL[2 * i];
                NUMBERS.put(KERNEL[2 * i], KERNEL_BASE + i);
            }
        }
        group(GROUP_NOT_FOUND, "ENOENT", "ENOTDIR", "ENXIO", "ENODEV", "ESRCH", "ECHILD", "ENODATA", "ENOMEDIUM",
                "ESTALE", "EIDRM", "ENOKEY", "ENOPKG", "EOPENSTALE", "EBADHANDLE");
        group(GROUP_PERMISSION, "EPERM", "EACCES", "EROFS", "EKEYEXPIRED", "EKEYREVOKED", "EKEYREJECTED", "ERFKILL");
        group(GROUP_WOULD_BLOCK, "EAGAIN", "EINPROGRESS", "EALREADY", "ENOMSG", "EJUKEBOX", "EIOCBQUEUED");
        group(GROUP_INTERRUPTED, "EINTR", "ERESTART", "ERESTARTSYS", "ERESTARTNOINTR", "ERESTARTNOHAND",
                "ERESTART_RESTARTBLOCK");
        group(GROUP_BAD_FD, "EBADF", "EBADFD", "ENOTSOCK");
        group(GROUP_EXISTS, "EEXIST", "ENOTEMPTY");
        group(GROUP_INVALID, "EINVAL", "EFAULT", "ENOTTY", "ESPIPE", "EISDIR", "EXDEV", "E2BIG", "ENOEXEC", "EDOM",
                "ERANGE", "ENAMETOOLONG", "ELOOP", "ENOSYS", "EOPNOTSUPP", "EOVERFLOW", "EILSEQ", "EBADMSG",
                "ENOTBLK", "EMEDIUMTYPE", "ENOIOCTLCMD", "ENOPARAM", "ENOTSUPP", "ETOOSMALL", "EBADTYPE",
                "ENOTUNIQ", "ECHRNG", "EBADRQC", "EBADSLT", "ENOSTR", "EISNAM", "ENOTNAM", "ELIBACC", "ELIBBAD",
                "ELIBSCN", "ELIBMAX", "ELIBEXEC", "ENOANO", "EBADE", "EBADR", "EBFONT", "ENOCSI", "EUNATCH");
        group(GROUP_RESOURCE, "ENOMEM", "ENOSPC", "EMFILE", "ENFILE", "EDQUOT", "EFBIG", "EMLINK", "ENOLCK",
                "ENOBUFS", "ENOSR", "EUSERS", "ETOOMANYREFS", "EBUSY", "ETXTBSY", "EXFULL", "EHWPOISON");
        group(GROUP_NETWORK, "ECONNREFUSED", "ECONNRESET", "ECONNABORTED", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH",
                "EHOSTDOWN", "ENETUNREACH", "ENETDOWN", "ENETRESET", "EADDRINUSE", "EADDRNOTAVAIL", "ENOTCONN",
                "EISCONN", "ESHUTDOWN", "EDESTADDRREQ", "EMSGSIZE", "EPROTOTYPE", "ENOPROTOOPT",
                "EPROTONOSUPPORT", "ESOCKTNOSUPPORT", "EPFNOSUPPORT", "EAFNOSUPPORT", "EPROTO", "ENONET",
                "ENOLINK", "ECOMM", "EREMOTE", "EREMOTEIO", "EREMCHG", "EMULTIHOP", "EDOTDOT", "EADV", "ESRMNT",
                "ESTRPIPE");
    }

    private static void group(String group, String... names) {
        for (String n : names) {
            if (!NUMBERS.containsKey(n)) {
                throw new IllegalStateException("errno group " + group + " lists unknown name " + n);
            }
            if (GROUPS.put(n, group) != null) {
                throw new IllegalStateException(n + " is in two errno groups");
            }
        }
    }

    private Errno() {
    }

    /** The errno of a syscall return: {@code -ret} for a return in {@code -4095..-1}, 0 otherwise. */
    public static int errno(long ret) {
        return ret < 0 && ret >= -MAX_ERRNO ? (int) -ret : 0;
    }

    /**
     * The errno name of a syscall return: {@code ENOENT} for -2, {@code ERESTARTSYS} for -512; {@code E<n>} for a
     * number without a name (41, 58, 134 ...). Null for {@code ret >= 0} or {@code ret < -4095}, which are values.
     */
    public static String name(long ret) {
        int e = errno(ret);
        return e == 0 ? null : nameOf(e);
    }

    /** The name of a positive errno ({@code E<n>} when it has none), null outside 1..4095. */
    public static String nameOf(int errno) {
        if (errno < 1 || errno > MAX_ERRNO) {
            return null;
        }
        String n = NAMES[errno];
        if (n == null) {
            n = "E" + errno;
            NAMES[errno] = n; // benign race: every thread computes the same string
        }
        return n;
    }

    /** The errno a name stands for (EWOULDBLOCK, EDEADLOCK and ENOTSUP accepted as aliases), -1 when unknown. */
    public static int number(String name) {
        Integer n = NUMBERS.get(name);
        if (n != null) {
            return n;
        }
        return switch (name) {
            case "EWOULDBLOCK" -> 11;
            case "EDEADLOCK" -> 35;
            case "ENOTSUP" -> 95;
            default -> -1;
        };
    }

    /**
     * True for -ERESTARTSYS, -ERESTARTNOINTR, -ERESTARTNOHAND and -ERESTART_RESTARTBLOCK: the call was interrupted by
     * a signal and the kernel restarts it (or reports EINTR) on the way out; not an error the program saw.
     */
    public static boolean isRestart(long ret) {
        return ret == -ERESTARTSYS || ret == -ERESTARTNOINTR || ret == -ERESTARTNOHAND
                || ret == -ERESTART_RESTARTBLOCK;
    }

    /** True for a return in {@code -4095..-1} that is not a restart code. */
    public static boolean isError(long ret) {
        return ret < 0 && ret >= -MAX_ERRNO && !isRestart(ret);
    }

    /** The strerror text of a positive errno ("No such file or directory"); "Unknown error N" for one without. */
    public static String message(int errno) {
        if (errno >= 1 && errno <= USER.length / 2 && USER[2 * (errno - 1)] != null) {
            return USER[2 * (errno - 1) + 1];
        }
        int k = errno - KERNEL_BASE;
        if (k >= 0 && k < KERNEL.length / 2 && KERNEL[2 * k] != null) {
            return KERNEL[2 * k + 1];
        }
        return "Unknown error " + errno;
    }

    /**
     * The coarse group reports use for an errno name: {@link #GROUP_NOT_FOUND "not found"},
     * {@link #GROUP_PERMISSION "permission"}, {@link #GROUP_WOULD_BLOCK "would block"},
     * {@link #GROUP_INTERRUPTED "interrupted"} (EINTR and the restart codes), {@link #GROUP_BAD_FD "bad fd"},
     * {@link #GROUP_EXISTS "exists"}, {@link #GROUP_INVALID "invalid"}, {@link #GROUP_RESOURCE "resource"},
     * {@link #GROUP_NETWORK "network"}, or {@link #GROUP_OTHER "other"} (also for unknown names). Null for null.
     * Aliases (EWOULDBLOCK, ENOTSUP, EDEADLOCK) are grouped as their canonical names.
     */
    public static String group(String name) {
        if (name == null) {
            return null;
        }
        String g = GROUPS.get(name);
        if (g == null) {
            int n = number(name);
            g = n > 0 ? GROUPS.get(nameOf(n)) : null;
        }
        return g != null ? g : GROUP_OTHER;
    }

    /** The group of a syscall return, null when it is not an errno. */
    public static String groupOf(long ret) {
        String n = name(ret);
        return n == null ? null : group(n);
    }
}
