package ior.it;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ./ior launcher itself, as a user runs it (no root needed). */
class LauncherTest {
    /**
     * A class archive left from an older jar no longer maps, and the JVM does not replace it on
     * its own: the launcher removes it, so the run writes one that matches the jar.
     */
    @Test
    void aClassArchiveOlderThanTheJarIsMadeAnew() throws Exception {
        Path root = IorRun.root();
        Path jar = builtJar();
        Path jsa = root.resolve("analyzer/target/ior.jsa");
        if (!Files.exists(jsa)) Files.write(jsa, new byte[]{1, 2, 3});
        Files.setLastModifiedTime(jsa, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));
        // the class archive is what the launcher falls back to when the build's AOT cache is
        // missing or older than the jar: make it older for this run
        Path aot = root.resolve("analyzer/target/ior.aot");
        FileTime aotTime = Files.exists(aot) ? Files.getLastModifiedTime(aot) : null;
        if (aotTime != null) Files.setLastModifiedTime(aot, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));
        try {
            launcherVersion(java.util.Map.of());
        } finally {
            if (aotTime != null) Files.setLastModifiedTime(aot, aotTime);
        }
        assertTrue(Files.size(jsa) > 4096, "a real archive was written: " + Files.size(jsa) + " bytes");
        assertTrue(Files.getLastModifiedTime(jsa).compareTo(Files.getLastModifiedTime(jar)) >= 0, "the archive is newer than the jar");
    }

    /**
     * The build trains an AOT cache for the analysis commands (analyzer/pom.xml) and the launcher
     * runs with it: ior's own classes come from the cache, not from the jar.
     */
    @Test
    void theBuildsAotCacheIsUsedByTheLauncher() throws Exception {
        Path root = IorRun.root();
        Path jar = builtJar();
        Path aot = root.resolve("analyzer/target/ior.aot");
        assertTrue(Files.exists(aot), "the build made no AOT cache: see analyzer/target/aot-training/out.txt");
        assertTrue(Files.getLastModifiedTime(aot).compareTo(Files.getLastModifiedTime(jar)) >= 0, "the cache is newer than the jar");
        Path log = Files.createTempFile("ior-class-load", ".log");
        try {
            // JAVA_TOOL_OPTIONS come before the launcher's flags, whose -Xlog:aot=off leaves class+load on
            launcherVersion(java.util.Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + log));
            String loads = Files.readString(log);
            // "shared objects file (top)" would be the class archive the launcher falls back to
            assertTrue(loads.lines().anyMatch(l -> l.contains(" ior.cli.Ior ") && l.endsWith("source: shared objects file")),
                    "ior.cli.Ior was not loaded from the AOT cache: " + loads.lines().filter(l -> l.contains(" ior.cli.Ior ")).toList());
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static Path builtJar() {
        Path jar = IorRun.root().resolve("analyzer/target/ior.jar");
        Assumptions.assumeTrue(Files.isReadable(jar), "SKIPPED LOUDLY: " + jar + " not built");
        return jar;
    }

    /** Runs `ior --version` through the launcher with env added; it must print the version. */
    private static void launcherVersion(java.util.Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", IorRun.root().resolve("ior").toString(), "--version").redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("ior ")), out);
    }

    /**
     * DuckDB's native library sits beside ior.jar, not in it (from inside, DuckDB writes a 70 MB
     * copy to /tmp on every start); a jar copied away from it says so in one line.
     */
    @Test
    void duckdbsNativeLibrarySitsBesideTheJarAndItsAbsenceIsOneLine() throws Exception {
        Path root = IorRun.root();
        Path jar = builtJar();
        try (var z = new java.util.zip.ZipFile(jar.toFile())) {
            assertTrue(z.stream().noneMatch(e -> e.getName().startsWith("libduckdb_java")), "no native library inside ior.jar");
        }
        assertTrue(Files.size(root.resolve("analyzer/target/libduckdb_java.so_linux_amd64")) > 1 << 20, "the library is beside the jar");

        Path alone = Files.createTempDirectory("ior-jar-alone");
        try {
            Path copy = Files.copy(jar, alone.resolve("ior.jar"));
            Path trace = Files.copy(root.resolve("samples/sqlite.iortrace"), alone.resolve("t.iortrace"));
            java.util.List<String> cmd = java.util.List.of(IorRun.javaCommand().getFirst(), "--enable-native-access=ALL-UNNAMED",
                    "--add-opens=java.base/java.nio=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                    "-jar", copy.toString(), "query", trace.toString(), "-e", "SELECT 1");
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(4, p.waitFor(), err);
            assertEquals(1, err.strip().lines().count(), "one line: " + err);
            assertTrue(err.startsWith("ior: broken installation: ") && err.contains("libduckdb_java.so_linux_amd64"), err);
            assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace: " + err);
        } finally {
            ScenariosTrace.delete(alone);
        }
    }
}
