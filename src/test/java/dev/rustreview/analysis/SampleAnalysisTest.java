package dev.rustreview.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.git.BundledSample;
import dev.rustreview.git.DiffOptions;
import dev.rustreview.git.GitRepository;
import dev.rustreview.model.Category;
import dev.rustreview.model.ChangeAnalysis;
import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.CommitProvenance;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Verdict;
import dev.rustreview.review.BranchAnalysis;
import dev.rustreview.settings.AppDirs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The acceptance check of the analyzer: every risk planted in the bundled sample is found where it is. */
class SampleAnalysisTest {

    @TempDir
    static Path tmp;
    static ChangeAnalysis v1;
    static ChangeAnalysis v2;
    static final String EXECUTOR = "src/backup/executor.rs";
    static final String CHECKSUM = "src/checksum.rs";

    @BeforeAll
    static void analyse() {
        Path sample = BundledSample.ensureBuilt(tmp.resolve("samples"));
        AppDirs dirs = AppDirs.of(Map.of("RUST_REVIEW_HOME", tmp.toString()), "Linux", tmp);
        BranchAnalysis analysis = new BranchAnalysis(dirs, ChangeAnalyzer.Options.defaults());
        try (GitRepository git = GitRepository.open(sample)) {
            ChangeSet first = git.branchDiff("main", BundledSample.HEAD, DiffOptions.DEFAULT);
            v1 = analysis.analyze(git, first, DiffOptions.DEFAULT, ChangeAnalyzer.Listener.NONE, () -> false);
            ChangeSet second = git.branchDiff("main", BundledSample.HEAD_V2, DiffOptions.DEFAULT);
            v2 = analysis.analyze(git, second, DiffOptions.DEFAULT, ChangeAnalyzer.Listener.NONE, () -> false);
        }
    }

    private static List<Finding> findings(ChangeAnalysis a, String rule, String path) {
        return a.findings().stream().filter(f -> f.ruleId().equals(rule) && f.path().equals(path)).toList();
    }

    @Test
    void everyPlantedRiskOfTheExecutorIsFoundOnItsLines() {
        assertThat(findings(v1, "AL1", EXECUTOR)).extracting(Finding::severity, Finding::startLine, Finding::endLine)
                .containsExactly(tuple(Severity.CRITICAL, 225, 235));
        assertThat(findings(v1, "SS1", EXECUTOR)).extracting(Finding::startLine).contains(81);
        assertThat(findings(v1, "SS4", EXECUTOR)).filteredOn(f -> f.objects().contains("jobs") || f.title().contains("`jobs`"))
                .extracting(Finding::startLine).containsExactly(188);
        assertThat(findings(v1, "CC6", EXECUTOR)).extracting(Finding::severity, Finding::startLine)
                .containsExactly(tuple(Severity.HIGH, 264));
        assertThat(findings(v1, "CC4", EXECUTOR)).extracting(Finding::severity, Finding::startLine, Finding::endLine)
                .contains(tuple(Severity.HIGH, 126, 129));
        assertThat(findings(v1, "PN1", EXECUTOR)).filteredOn(f -> f.startLine() == 233)
                .extracting(Finding::severity).containsExactly(Severity.HIGH);
        assertThat(findings(v1, "ER1", EXECUTOR)).extracting(Finding::startLine, Finding::endLine)
                .containsExactly(tuple(201, 205));
        assertThat(findings(v1, "AP2", EXECUTOR)).extracting(Finding::severity, Finding::startLine)
                .containsExactly(tuple(Severity.HIGH, 221));
        assertThat(findings(v1, "CC7", EXECUTOR)).extracting(Finding::severity, Finding::startLine)
                .containsExactly(tuple(Severity.MEDIUM, 411));
    }

    @Test
    void theFfiHelperAndTheBuildChangesAreFound() {
        assertThat(findings(v1, "US4", CHECKSUM)).extracting(Finding::startLine).contains(6, 26);
        // Raw memory is high, not critical: critical is kept for the definite patterns (SeverityPolicy).
        assertThat(findings(v1, "US3", CHECKSUM)).extracting(Finding::severity, Finding::startLine)
                .containsExactly(tuple(Severity.HIGH, 28));
        assertThat(findings(v1, "SS2", CHECKSUM)).extracting(Finding::severity, Finding::startLine)
                .containsExactly(tuple(Severity.HIGH, 11));
        assertThat(findings(v1, "US2", CHECKSUM)).extracting(Finding::severity, Finding::startLine)
                .containsExactly(tuple(Severity.CRITICAL, 44));
        assertThat(findings(v1, "BD1", "Cargo.toml")).extracting(Finding::startLine).containsExactlyInAnyOrder(13, 24);
        assertThat(findings(v1, "BD2", "build.rs")).extracting(Finding::severity).containsExactly(Severity.HIGH);
    }

    @Test
    void theBoilerplateSchemaAndDocsCommitsRaiseNothingAboveLow() {
        for (String path : List.of("src/services/postgres.rs", "src/entities/service_member.rs", "src/entities/mod.rs",
                "src/services/mod.rs")) {
            assertThat(v1.findings()).filteredOn(f -> f.path().equals(path))
                    .allSatisfy(f -> assertThat(f.severity()).as(f.ruleId() + " in " + path).isEqualTo(Severity.LOW));
        }
        var backupMod = v1.file("src/backup/mod.rs").orElseThrow();
        assertThat(backupMod.hunks()).filteredOn(h -> h.category() == Category.DOCUMENTATION).hasSizeGreaterThanOrEqualTo(4);
        assertThat(v1.file("src/entities/service_member.rs").orElseThrow().category()).isEqualTo(Category.SCHEMA);
        assertThat(v1.file("README.md").orElseThrow().category()).isEqualTo(Category.DOCUMENTATION);
        assertThat(v1.file("Cargo.toml").orElseThrow().category()).isEqualTo(Category.DEPENDENCIES_BUILD);
    }

    @Test
    void theSevenClaudeCommitsAreAgentWrittenWithTheirEvidenceAndTheReadmeFixIsHuman() {
        List<CommitProvenance> commits = v1.commits();
        assertThat(commits).hasSize(8);
        assertThat(commits.subList(0, 7)).allSatisfy(p -> {
            assertThat(p.agentWritten()).isTrue();
            assertThat(p.tool()).isEqualTo("Claude Code");
            assertThat(p.evidence()).extracting(e -> e.field() + ": " + e.value())
                    .contains("trailer:Co-Authored-By: Claude <noreply@anthropic.com>")
                    .anySatisfy(line -> assertThat(line).startsWith("message:").contains("Generated with [Claude Code]"));
        });
        assertThat(commits.get(7).verdict()).isEqualTo(Verdict.HUMAN);
        assertThat(v1.lines()).isNotEmpty();
    }

    @Test
    void theAgentsSecondRoundFixedTheGuardAndTheSleepingTest() {
        assertThat(findings(v2, "AL1", EXECUTOR)).isEmpty();
        assertThat(findings(v2, "CC7", EXECUTOR)).isEmpty();
        assertThat(findings(v2, "CC6", EXECUTOR)).hasSize(1);
        assertThat(findings(v2, "US2", CHECKSUM)).hasSize(1);
    }

    @Test
    void idsAreStableAcrossTheRebaseWhereTheCodeDidNotChange() {
        String usId = findings(v1, "US2", CHECKSUM).get(0).id();
        assertThat(findings(v2, "US2", CHECKSUM).get(0).id()).isEqualTo(usId);
        var checksumHunkV1 = v1.file(CHECKSUM).orElseThrow().hunks().get(0).id();
        assertThat(v2.file(CHECKSUM).orElseThrow().hunks().get(0).id()).isEqualTo(checksumHunkV1);
        assertThat(v1.findings()).extracting(Finding::id).doesNotHaveDuplicates();
    }

    @Test
    void theChangeSetStartsWithTheMostUrgentFindings() {
        assertThat(v1.priority().highest()).isEqualTo(Severity.CRITICAL);
        assertThat(v1.findings().get(0).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(v1.file(EXECUTOR).orElseThrow().priority().highest()).isEqualTo(Severity.CRITICAL);
    }
}
