package dev.rustreview.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import dev.rustreview.review.ReviewSession;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownExportTest {

    @TempDir
    static Path tmp;
    static ExportFixture fx;

    @BeforeAll
    static void build() {
        fx = ExportFixture.build(tmp);
    }

    @Test
    void summaryThenRejectedHunksThenOpenAnnotationsThenUnacknowledgedRiskyFindingsWhenAsked() {
        ReviewSession s = fx.reviewed();
        assertThat(MarkdownExport.write(s)).as("unanswered findings only when asked").doesNotContain("**risk finding**");
        String md = MarkdownExport.write(AgentFeedback.of(s, true), null);
        assertThat(md).contains("**Verdict:** changes requested");
        assertThat(md).contains("**Coverage:** 2 of " + s.coverage().hunksTotal() + " hunks decided (1 accepted, 1 rejected");
        List<Finding> open = fx.v1.findings().stream().filter(f -> f.severity().atLeast(Severity.HIGH)).skip(2)
                .toList();
        List<String> heads = md.lines().filter(l -> l.matches("\\d+\\. .*")).toList();
        assertThat(heads).hasSize(3 + open.size());
        assertThat(heads.get(0)).startsWith("1. `src/backup/executor.rs:").contains("**rejected**: holds the lock across \\`.await\\`");
        assertThat(heads.get(1)).startsWith("2. `src/services/postgres.rs:10` — **issue**: why \\*\\*20\\*\\*?");
        assertThat(heads.get(2)).startsWith("3. `src/services/postgres.rs:11` — **suggestion**: use a constant");
        for (int i = 0; i < open.size(); i++) {
            Finding f = open.get(i);
            assertThat(heads.get(3 + i)).startsWith((4 + i) + ". `" + f.path() + ":" + f.startLine() + "` — **risk finding**: ")
                    .contains(f.ruleId());
        }
        assertThat(md).doesNotContain(fx.highFinding(0).title()).doesNotContain(fx.highFinding(1).title());
        assertThat(md).contains("   Replace with:\n\n   ```rust\n   const POOL: u32 = 20;\n   ```");
        assertThat(md).contains("   ```diff\n   +");
        assertThat(md.indexOf("Replace with")).isLessThan(md.indexOf("**risk finding**"));
    }

    @Test
    void fencesOutgrowBackticksInCodeAndUserTextCannotMakeLinks() {
        assertThat(MarkdownText.fence(List.of("let s = \"````\";"), "rust", ""))
                .isEqualTo("`````rust\nlet s = \"````\";\n`````\n");
        assertThat(MarkdownText.escape("[x](javascript:alert(1)) <b>"))
                .isEqualTo("\\[x\\](javascript:alert(1)) \\<b\\>");
        assertThat(MarkdownText.escape("a\n- b\n2. c")).isEqualTo("a\n\\- b\n2\\. c");
    }
}
