package ior.it;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real `ior` command line in a child JVM (the test classpath), as a user would. */
final class IorRun {
    record Result(int exit, String out, String err, long pid) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    static Path root() {
        String r = System.getProperty("ior.root");
        Path p = r != null ? Path.of(r) : Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("bpf/ior_records.h"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("project root not found");
        return p.toAbsolutePath().normalize();
    }

    static Path workload() {
        return Path.of(System.getProperty("ior.workload", root().resolve("src/test/target/workload").toString()));
    }

    static List<String> javaCommand() {
        String java = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
        cmd.add("--sun-misc-unsafe-memory-access=allow");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("ior.cli.Ior");
        return cmd;
    }

    static ProcessBuilder builder(List<String> prefix, String... args) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(javaCommand());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }

    static Result run(String... args) throws IOException, InterruptedException {
        return run(List.of(), 120, args);
    }

    static Result run(List<String> prefix, int timeoutSec, String... args) throws IOException, InterruptedException {
        return runWithInput(prefix, timeoutSec, new File("/dev/null"), args);
    }

    /** Runs ior with stdin read from text (a script piped in). */
    static Result runWithStdin(String text, String... args) throws IOException, InterruptedException {
        File in = File.createTempFile("ior-in", ".txt");
        try {
            Files.writeString(in.toPath(), text, StandardCharsets.UTF_8);
            return runWithInput(List.of(), 120, in, args);
        } finally {
            in.delete();
        }
    }

    private static Result runWithInput(List<String> prefix, int timeoutSec, File stdin, String... args) throws IOException, InterruptedException {
        File out = File.createTempFile("ior-out", ".txt"), err = File.createTempFile("ior-err", ".txt");
        try {
            Process p = builder(prefix, args).redirectOutput(out).redirectError(err).redirectInput(ProcessBuilder.Redirect.from(stdin)).start();
            if (!p.waitFor(timeoutSec, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("ior " + String.join(" ", args) + " did not finish in " + timeoutSec + " s");
            }
            return new Result(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8), Files.readString(err.toPath(), StandardCharsets.UTF_8), p.pid());
        } finally {
            out.delete();
            err.delete();
        }
    }

    /**
     * Recording tests need root and BPF. Where they cannot run they skip with a loud reason; under
     * CI (CI=true) they must run, so a missing privilege fails instead of skipping.
     */
    static void assumeCanRecord() {
        boolean root = "0".equals(uid());
        boolean btf = Files.isReadable(Path.of("/sys/kernel/btf/vmlinux"));
        boolean bpfObject = IorRun.class.getResource("/ior/bpf/ior.bpf.o") != null;
        String why = !root ? "not root" : !btf ? "kernel has no BTF" : !bpfObject ? "BPF object not built (clang missing)" : null;
        if (why == null) return;
        if ("true".equals(System.getenv("CI")))
            throw new AssertionError("recording tests must run in CI but cannot: " + why);
        System.err.println("*** SKIPPING BPF RECORDING TEST: " + why + " ***");
        Assumptions.abort("SKIPPED LOUDLY: BPF recording needs root, BTF and the built BPF object: " + why);
    }

    private static String uid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status")))
                if (line.startsWith("Uid:")) return line.substring(4).trim().split("\\s+")[1];
        } catch (IOException ignored) {
            // fall through
        }
        return "?";
    }
}
