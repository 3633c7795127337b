package ior.analyzer.table;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/tables.md is generated from the table declarations and must match them. */
class TablesDocsTest {
    @Test
    void docsMatchTheDeclarations() throws IOException {
        Path root = Path.of(System.getProperty("ior.root", "../.."));
        while (!Files.exists(root.resolve("bpf/ior_records.h"))) root = root.toAbsolutePath().getParent();
        String want = TablesDocs.render();
        String have = Files.readString(root.resolve("docs/tables.md"));
        assertEquals(want, have, "docs/tables.md is stale: regenerate with "
                + "java -cp analyzer/target/ior.jar ior.analyzer.table.TablesDocs docs/tables.md");
    }
}
