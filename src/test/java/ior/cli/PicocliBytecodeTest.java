package ior.cli;

import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * picocli is compiled from its source with the project's release (recorder/pom.xml), not taken
 * from its Java 5 jar: the JVM's class archive skips class files older than version 50 ("Old
 * class has been linked"), and every start then loaded picocli from the jar (~35 ms of
 * `ior record`'s start to attached, docs/benchmarks.md).
 */
class PicocliBytecodeTest {
    @Test
    void picocliIsModernBytecodeSoTheClassArchiveCanHoldIt() throws Exception {
        try (InputStream in = picocli.CommandLine.class.getResourceAsStream("CommandLine.class")) {
            assertNotNull(in, "picocli/CommandLine.class on the class path");
            DataInputStream d = new DataInputStream(in);
            assertEquals(0xCAFEBABE, d.readInt());
            d.readUnsignedShort(); // minor
            int major = d.readUnsignedShort();
            assertTrue(major >= 66, "picocli class file version " + major + ": built from its source with release 22+, not the Java 5 jar (49)");
        }
    }
}
