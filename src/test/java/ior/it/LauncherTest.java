package ior.it;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        Path jar = root.resolve("analyzer/target/ior.jar");
        Assumptions.assumeTrue(Files.isReadable(jar), "SKIPPED LOUDLY: " + jar + " not built");
        Path jsa = root.resolve("analyzer/target/ior.jsa");
        if (!Files.exists(jsa)) Files.write(jsa, new byte[]{1, 2, 3});
        Files.setLastModifiedTime(jsa, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));

        Process p = new ProcessBuilder("bash", root.resolve("ior").toString(), "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.startsWith("ior "), out);
        assertTrue(Files.size(jsa) > 4096, "a real archive was written: " + Files.size(jsa) + " bytes");
        assertTrue(Files.getLastModifiedTime(jsa).compareTo(Files.getLastModifiedTime(jar)) >= 0, "the archive is newer than the jar");
    }
}
