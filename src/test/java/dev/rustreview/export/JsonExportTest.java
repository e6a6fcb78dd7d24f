package dev.rustreview.export;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rustreview.io.Json;
import dev.rustreview.model.BadInputException;
import dev.rustreview.review.Review;
import dev.rustreview.review.ReviewSession;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonExportTest {

    @TempDir
    static Path tmp;
    static ExportFixture fx;

    @BeforeAll
    static void build() {
        fx = ExportFixture.build(tmp);
    }

    @Test
    void theDocumentHoldsSummaryFindingsDecisionsAnnotationsAndRounds() throws Exception {
        ReviewSession s = fx.reviewed();
        JsonNode root = Json.mapper().readTree(JsonExport.write(s));
        assertThat(root.path("kind").asText()).isEqualTo("rust-review/export");
        assertThat(root.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(root.path("verdict").asText()).isEqualTo("REQUEST_CHANGES");
        assertThat(root.path("coverage").path("rejected").asInt()).isEqualTo(1);
        assertThat(root.path("changeSet").path("head").asText()).isEqualTo("agent/backup-executor");
        List<String> hunkIds = StreamSupport.stream(root.path("changeSet").path("files").spliterator(), false)
                .flatMap(f -> StreamSupport.stream(f.path("hunks").spliterator(), false))
                .map(h -> h.path("id").asText()).toList();
        assertThat(hunkIds).containsExactlyElementsOf(s.index().entries().stream().map(e -> e.id()).toList());
        JsonNode findings = root.path("findings");
        assertThat(findings).hasSize(fx.v1.findings().size());
        JsonNode first = StreamSupport.stream(findings.spliterator(), false)
                .filter(f -> f.path("id").asText().equals(fx.highFinding(1).id())).findFirst().orElseThrow();
        assertThat(first.path("acknowledged").asText()).isEqualTo("dismissed");
        assertThat(first.path("startLine").asInt()).isEqualTo(fx.highFinding(1).startLine());
        JsonNode review = root.path("review");
        assertThat(review.path("decisions")).extracting(d -> d.path("hunk").asText() + "=" + d.path("state").asText())
                .containsExactlyInAnyOrder(ExportFixture.EXECUTOR_HUNK + "=REJECTED", ExportFixture.POSTGRES_HUNK + "=ACCEPTED");
        assertThat(review.path("annotations")).extracting(a -> a.path("kind").asText())
                .containsExactly("ISSUE", "SUGGESTION", "NOTE");
        assertThat(review.path("annotations").get(0).path("anchor").path("startLine").asInt()).isEqualTo(10);
        assertThat(review.path("rounds")).hasSize(1);
    }

    @Test
    void importingAnExportGivesTheSameReview() {
        ReviewSession s = fx.reviewed();
        s.reply(s.review().annotations().iterator().next().id(), "because the pool is small");
        Review back = JsonImport.read(JsonExport.write(s));
        Review r = s.review();
        assertThat(back.id()).isEqualTo(r.id());
        assertThat(back.headRef()).isEqualTo(r.headRef());
        assertThat(back.baseRef()).isEqualTo(r.baseRef());
        assertThat(back.rounds()).isEqualTo(r.rounds());
        assertThat(back.decisions()).isEqualTo(r.decisions());
        assertThat(back.acknowledgements()).isEqualTo(r.acknowledgements());
        assertThat(back.annotations()).containsExactlyElementsOf(r.annotations());
        assertThat(back.outdatedDecisions()).isEqualTo(r.outdatedDecisions());
        assertThat(back.changedSince()).isEqualTo(r.changedSince());
    }

    @Test
    void anythingElseIsRefusedWithOneLine() {
        assertThatThrownBy(() -> JsonImport.read("{\"kind\":\"other\"}")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("not a rust-review JSON export");
        assertThatThrownBy(() -> JsonImport.read("{\"kind\":\"rust-review/export\",\"schemaVersion\":9}"))
                .hasMessageContaining("schema version 9");
        assertThatThrownBy(() -> JsonImport.read("{nope")).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("the JSON export is not valid JSON");
    }
}
