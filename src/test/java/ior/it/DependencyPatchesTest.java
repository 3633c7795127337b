package ior.it;

import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two dependency classes ior replaces with its own (analyzer/src/main/java/org/...) for a
 * faster start: they are the ones loaded, in the tests and in ior.jar, they still do what the
 * rest of the library needs, and the copy of Arrow's Schema matches the Arrow in the build.
 */
class DependencyPatchesTest {
    /** The Arrow release whose Schema.java ior's copy was made from: upgrade both together. */
    private static final String COPIED_FROM_ARROW = "19.0.0";

    @Test
    void schemaCopyIsLoadedAndStillReadsAndWritesJson() throws Exception {
        // the nested holder exists only in ior's copy
        assertNotNull(Class.forName("org.apache.arrow.vector.types.pojo.Schema$Json"), "ior's copy of Schema is loaded");
        Schema s = new Schema(List.of(
                new Field("seq", FieldType.notNullable(new ArrowType.Int(64, true)), null),
                new Field("file", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));
        assertEquals(s, Schema.fromJSON(s.toJson()), "JSON round trip (the mapper made on first use)");
    }

    @Test
    void schemaCopyMatchesTheArrowInTheBuild() throws Exception {
        Properties p = new Properties();
        try (InputStream in = Schema.class.getClassLoader().getResourceAsStream("META-INF/maven/org.apache.arrow/arrow-vector/pom.properties")) {
            assertNotNull(in, "arrow-vector's pom.properties on the class path");
            p.load(in);
        }
        assertEquals(COPIED_FROM_ARROW, p.getProperty("version"),
                "Arrow was upgraded: re-copy analyzer/src/main/java/org/apache/arrow/vector/types/pojo/Schema.java from its sources and keep the change");
    }

    @Test
    void duckdbLinksToIorsJfrMonitor() throws Exception {
        // a signature of the driver's that ior's stand-in lacks fails here, with NoSuchMethodError
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT 42")) {
            assertTrue(rs.next());
            assertEquals(42, rs.getInt(1));
        }
        String from = Class.forName("org.duckdb.JfrMemoryMonitor").getProtectionDomain().getCodeSource().getLocation().toString();
        assertFalse(from.contains("duckdb_jdbc"), "the driver's own JfrMemoryMonitor was loaded (from " + from + "), not ior's");
        String schemaFrom = Schema.class.getProtectionDomain().getCodeSource().getLocation().toString();
        assertFalse(schemaFrom.contains("arrow-vector"), "Arrow's own Schema was loaded (from " + schemaFrom + "), not ior's copy");
    }

    @Test
    void theJarHoldsIorsVersionsOnly() throws Exception {
        Path root = IorRun.root();
        Path jar = root.resolve("analyzer/target/ior.jar");
        Assumptions.assumeTrue(Files.isReadable(jar), "SKIPPED LOUDLY: " + jar + " not built");
        try (ZipFile z = new ZipFile(jar.toFile())) {
            for (String c : List.of("org/apache/arrow/vector/types/pojo/Schema.class", "org/duckdb/JfrMemoryMonitor.class")) {
                Path ours = root.resolve("analyzer/target/classes").resolve(c);
                assertArrayEquals(Files.readAllBytes(ours), z.getInputStream(z.getEntry(c)).readAllBytes(), c + " in ior.jar is ior's");
                assertEquals(1, z.stream().filter(e -> e.getName().equals(c)).count(), c + " once in ior.jar");
            }
        }
    }
}
