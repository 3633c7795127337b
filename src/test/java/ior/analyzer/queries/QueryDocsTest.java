package ior.analyzer.queries;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/queries.md is generated from the query headers and macros.sql and must match them. */
class QueryDocsTest {
    @Test
    void docsMatchTheLibrary() throws IOException {
        Path root = Path.of(System.getProperty("ior.root", "../.."));
        while (!Files.exists(root.resolve("bpf/ior_records.h"))) root = root.toAbsolutePath().getParent();
        assertEquals(QueryDocs.render(), Files.readString(root.resolve("docs/queries.md")), "docs/queries.md is stale: regenerate with "
                + "java -cp analyzer/target/ior.jar ior.analyzer.queries.QueryDocs docs/queries.md");
    }
}
