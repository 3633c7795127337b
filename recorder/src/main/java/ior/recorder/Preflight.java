package ior.recorder;

import ior.bpf.Libc;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks a host can record before touching BPF, so each missing piece gets its own clear message. */
final class Preflight {
    private Preflight() {}

    private static final int CAP_SYS_ADMIN = 21, CAP_PERFMON = 38, CAP_BPF = 39;

    static void check() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux"))
            throw new UserException(ExitCodes.ENVIRONMENT, "recording needs Linux (this is " + System.getProperty("os.name") + "); the analyzer commands work anywhere");
        if (!HostInfo.arch().equals("x86_64"))
            throw new UserException(ExitCodes.ENVIRONMENT, "recording supports x86_64 only (this is " + HostInfo.arch() + ")");
        int[] v = kernelVersion(HostInfo.kernelRelease());
        if (v[0] < 5 || (v[0] == 5 && v[1] < 8))
            throw new UserException(ExitCodes.ENVIRONMENT, "kernel " + HostInfo.kernelRelease() + " is too old: ior record needs Linux 5.8 or newer (BPF ring buffer, tp_btf)");
        if (!Files.isReadable(Path.of("/sys/kernel/btf/vmlinux")))
            throw new UserException(ExitCodes.ENVIRONMENT, "this kernel has no BTF (/sys/kernel/btf/vmlinux missing): use a kernel built with CONFIG_DEBUG_INFO_BTF=y");
        if (effectiveUid() != 0) {
            long caps = effectiveCaps();
            boolean ok = (has(caps, CAP_BPF) && has(caps, CAP_PERFMON)) || has(caps, CAP_SYS_ADMIN);
            if (!ok)
                throw new UserException(ExitCodes.PERMISSION, "recording needs root or CAP_BPF and CAP_PERFMON: run with sudo, or setcap cap_bpf,cap_perfmon+ep on the java binary");
        }
    }

    static int[] kernelVersion(String release) {
        String[] parts = release.split("[.-]");
        int[] out = new int[2];
        for (int i = 0; i < 2 && i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i].replaceAll("\\D.*", ""));
            } catch (NumberFormatException e) {
                out[i] = 0;
            }
        }
        return out;
    }

    /** From /proc/self/status (Uid: real effective saved fs), so no native call is needed. */
    private static int effectiveUid() {
        for (String line : HostInfo.read("/proc/self/status").split("\n"))
            if (line.startsWith("Uid:")) {
                String[] f = line.substring(4).trim().split("\\s+");
                if (f.length > 1) return Integer.parseInt(f[1]);
            }
        return Libc.geteuid();
    }

    private static long effectiveCaps() {
        for (String line : HostInfo.read("/proc/self/status").split("\n"))
            if (line.startsWith("CapEff:")) return Long.parseUnsignedLong(line.substring(7).trim(), 16);
        return 0;
    }

    private static boolean has(long caps, int cap) {
        return (caps & (1L << cap)) != 0;
    }
}
