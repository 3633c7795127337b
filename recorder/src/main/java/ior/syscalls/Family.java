package ior.syscalls;

import java.util.Locale;
import java.util.Optional;

/** The broad group a syscall belongs to; reports aggregate by it and {@code ior record --syscalls} selects by it. */
public enum Family {
    AIO("AIO"),
    FS("FS"),
    IPC("IPC"),
    MEMORY("Memory"),
    MISC("Misc"),
    NETWORK("Network"),
    POLLING("Polling"),
    PROCESS("Process"),
    SCHED("Sched"),
    SECURITY("Security"),
    SIGNALS("Signals"),
    TIME("Time");

    private final String displayName;

    Family(String displayName) {
        this.displayName = displayName;
    }

    /** The name as written in the syscall table and shown to users, e.g. {@code Memory}. */
    public String displayName() {
        return displayName;
    }

    /** The family whose display name equals {@code name} ignoring case, if any. */
    public static Optional<Family> find(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (Family f : values()) {
            if (f.displayName.toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** Like {@link #find} but for table input, where an unknown name is an error. */
    public static Family fromName(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown family: " + name));
    }
}
