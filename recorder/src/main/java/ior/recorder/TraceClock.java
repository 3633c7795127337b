package ior.recorder;

/**
 * The clock of every timestamp in a trace file: CLOCK_MONOTONIC plus the boot-minus-monotonic
 * offset taken once at the start, so it reads as CLOCK_BOOTTIME. The BPF programs add the same
 * offset to bpf_ktime_get_ns(), which costs ~10 ns less per read than bpf_ktime_get_boot_ns()
 * (docs/benchmarks.md), and the recorder stamps its own blocks (losses, trailer) with this class so
 * that kernel and recorder timestamps stay on one clock even if the host suspends while recording.
 */
public final class TraceClock {
    private final long bootMinusMono;

    private TraceClock(long bootMinusMono) {
        this.bootMinusMono = bootMinusMono;
    }

    public static TraceClock start() {
        return new TraceClock(HostInfo.bootMinusMonoNs());
    }

    /** Added to CLOCK_MONOTONIC ns to get this trace's timestamps. */
    public long offsetNs() {
        return bootMinusMono;
    }

    public long nowNs() {
        return HostInfo.monoNowNs() + bootMinusMono;
    }
}
