package dev.rustreview.export;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.rustreview.io.Json;
import dev.rustreview.model.Finding;
import dev.rustreview.review.ReviewSession;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SarifExportTest {

    @TempDir
    static Path tmp;
    static ExportFixture fx;
    static JsonSchema schema;

    @BeforeAll
    static void build() throws Exception {
        fx = ExportFixture.build(tmp);
        try (InputStream in = SarifExportTest.class.getResourceAsStream("/schemas/sarif-schema-2.1.0.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
    }

    private static List<JsonNode> results(JsonNode root) {
        return StreamSupport.stream(root.path("runs").get(0).path("results").spliterator(), false).toList();
    }

    @Test
    void theOutputValidatesAgainstTheSarifSchema() throws Exception {
        JsonNode root = Json.mapper().readTree(SarifExport.write(fx.reviewed()));
        Set<ValidationMessage> errors = schema.validate(root);
        assertThat(errors).isEmpty();
        assertThat(schema.validate(Json.mapper().readTree(SarifExport.write(fx.fresh("b"))))).isEmpty();
        // The validator really checks: a result with an unknown kind is refused.
        ((com.fasterxml.jackson.databind.node.ObjectNode) results(root).get(0)).put("kind", "bogus");
        assertThat(schema.validate(root)).isNotEmpty();
    }

    @Test
    void findingsAreReviewResultsUntilAcknowledgedAndDismissedOnesAreSuppressed() throws Exception {
        ReviewSession s = fx.reviewed();
        JsonNode root = Json.mapper().readTree(SarifExport.write(s));
        List<JsonNode> results = results(root);
        List<Finding> findings = fx.v1.findings();
        assertThat(results).hasSize(findings.size() + 3);
        JsonNode rules = root.path("runs").get(0).path("tool").path("driver").path("rules");
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            JsonNode r = results.get(i);
            assertThat(r.path("ruleId").asText()).isEqualTo(f.ruleId());
            assertThat(rules.get(r.path("ruleIndex").asInt()).path("id").asText()).isEqualTo(f.ruleId());
            assertThat(r.path("partialFingerprints").path(SarifExport.FINDING_PRINT).asText()).isEqualTo(f.id());
            JsonNode region = r.path("locations").get(0).path("physicalLocation").path("region");
            assertThat(region.path("startLine").asInt()).isEqualTo(f.startLine());
            assertThat(r.path("locations").get(0).path("physicalLocation").path("artifactLocation").path("uri").asText())
                    .isEqualTo(f.path());
            assertThat(r.path("properties").path("severity").asText()).isEqualTo(f.severity().label());
            String expected = f.id().equals(fx.highFinding(0).id()) || f.id().equals(fx.highFinding(1).id()) ? "pass" : "review";
            assertThat(r.path("kind").asText()).as(f.id()).isEqualTo(expected);
            assertThat(r.has("suppressions")).isEqualTo(f.id().equals(fx.highFinding(1).id()));
        }
        JsonNode dismissed = results.get(findings.indexOf(fx.highFinding(1)));
        assertThat(dismissed.path("suppressions").get(0).path("justification").asText()).isEqualTo("false positive: test code");
        List<JsonNode> notes = results.subList(findings.size(), results.size());
        assertThat(notes).extracting(n -> n.path("kind").asText()).containsOnly("informational");
        assertThat(notes).extracting(n -> n.path("message").path("text").asText())
                .containsExactly("issue: why **20**?", "suggestion: use a constant", "note: looks mostly fine");
        assertThat(notes.get(0).path("partialFingerprints").path(SarifExport.HUNK_PRINT).asText())
                .isEqualTo(ExportFixture.POSTGRES_HUNK);
        JsonNode withLints = StreamSupport.stream(rules.spliterator(), false).filter(r -> r.has("helpUri")).findFirst()
                .orElseThrow();
        assertThat(withLints.path("helpUri").asText()).startsWith("https://rust-lang.github.io/rust-clippy/");
    }

    @Test
    void fingerprintsDoNotDependOnTheRoundOrLineNumbers() throws Exception {
        List<String> first = results(Json.mapper().readTree(SarifExport.write(fx.fresh("a")))).stream()
                .map(r -> r.path("partialFingerprints").toString()).toList();
        List<String> again = results(Json.mapper().readTree(SarifExport.write(fx.reviewed()))).stream()
                .limit(first.size()).map(r -> r.path("partialFingerprints").toString()).toList();
        assertThat(again).isEqualTo(first);
    }

    @Test
    void pathsBecomeRelativeUriReferences() {
        assertThat(SarifExport.relativeUri("src/a b#c.rs")).isEqualTo("src/a%20b%23c.rs");
        assertThat(SarifExport.relativeUri("c:evil.rs")).isEqualTo("./c:evil.rs");
        assertThat(SarifExport.relativeUri("src/é.rs")).isEqualTo("src/%C3%A9.rs");
    }
}
