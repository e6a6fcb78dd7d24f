package dev.rustreview.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rustreview.analysis.provenance.AgentPatterns;
import dev.rustreview.model.Category;
import dev.rustreview.model.ChangeAnalysis;
import dev.rustreview.model.FileAnalysis;
import dev.rustreview.model.Finding;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ChangeAnalyzerTest {

    private static final String RISKY = """
            use std::sync::Mutex;

            pub struct Store {
                state: Mutex<Vec<u8>>,
            }

            impl Store {
                pub async fn flush(&self) {
                    let guard = self.state.lock().unwrap();
                    write_out(&guard).await;
                }
            }
            """;

    private static ChangeAnalysis analyze(InMemoryChange change, int threads) {
        ChangeAnalyzer analyzer = new ChangeAnalyzer(ChangeAnalyzer.allRules(), AgentPatterns.none(),
                new ChangeAnalyzer.Options(ParseLimits.DEFAULT, threads));
        return analyzer.analyze(change.changeSet(), change, List.of(), ChangeAnalyzer.Listener.NONE, () -> false);
    }

    private static InMemoryChange manyFiles() {
        InMemoryChange change = new InMemoryChange();
        for (int i = 0; i < 24; i++) {
            change.added("src/m" + i + ".rs", RISKY.replace("Store", "Store" + i));
        }
        return change.added("README.md", "# Title\n\nSome prose.\n");
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreads() {
        ChangeAnalysis one = analyze(manyFiles(), 1);
        ChangeAnalysis four = analyze(manyFiles(), 4);
        assertThat(four.findings()).isEqualTo(one.findings());
        assertThat(four.files()).isEqualTo(one.files());
        assertThat(one.findings()).filteredOn(f -> f.ruleId().equals("AL1")).hasSize(24);
    }

    @Test
    void aTraitImplIsCategorisedByItsSiblingInAnotherFileAlthoughEachFileIsCategorisedOnItsOwnWorker() {
        // Each file is categorised on its worker with only its own impls; this one needs the other file's.
        InMemoryChange change = new InMemoryChange()
                .added("src/services/postgres.rs", "impl ExternalService for PostgresService {\n"
                        + "    fn name(&self) -> &str { \"pg\" }\n}\n")
                .added("src/services/redis.rs", "impl ExternalService for RedisService {\n"
                        + "    fn name(&self) -> &str { \"redis\" }\n}\n")
                .added("src/services/local.rs", "pub trait Local { fn go(&self); }\n"
                        + "impl Local for Disk {\n    fn go(&self) { spin(); }\n}\n");
        for (int threads : new int[] {1, 2}) {
            ChangeAnalysis a = analyze(change, threads);
            assertThat(a.file("src/services/postgres.rs").orElseThrow().hunks().get(0).reason())
                    .contains("mirrors impl ExternalService for RedisService in src/services/redis.rs");
            assertThat(a.file("src/services/redis.rs").orElseThrow().hunks().get(0).reason())
                    .contains("mirrors impl ExternalService for PostgresService in src/services/postgres.rs");
            // A trait defined in its own file is never mirrored from elsewhere.
            assertThat(a.file("src/services/local.rs").orElseThrow().hunks().get(0).reason())
                    .doesNotContain("mirrors");
        }
    }

    @Test
    void everyRuleIdOfTheSpecificationIsRegisteredOnce() {
        assertThat(ChangeAnalyzer.allRules()).extracting(r -> r.info().id()).containsExactly(
                "AL1", "AL2", "AL3", "AL4", "AL5", "AL6", "AL7", "AL8", "AL9", "AL10", "AL11", "AL12", "AL13", "AL14", "AL15", "AL16", "AL17", "AL18", "AL19", "AL20", "AL21", "AL22", "AL23", "AL24", "AL25", "AL26", "AL27", "AL28", "AL29", "AL30", "AL31", "AL32", "AL33", "AL34", "AL35", "AL36", "AL37", "AL38", "AL39", "AL40", "AL41", "AL42", "AL43", "AL44", "AL45", "AL46", "AL47", "AP1", "AP2", "AP3", "AP4", "BD1", "BD2", "BD3", "BD4", "BD5", "CC1", "CC2", "CC3", "CC4", "CC5",
                "CC6", "CC7", "CC8", "CC9", "CC10", "CC11", "CC12", "CC13", "CC14", "CC15", "CC16", "CC17", "CC18", "CC19", "CC20", "CC21", "CC22", "CC23", "CC24", "CC25", "CC26", "CC27", "CC28", "CC29", "CC30", "CC31", "CC32", "CC33", "CC34", "CC35", "CC36", "CC37", "CC38", "CC39", "CC40", "CC41", "CC42", "CC43", "CC44", "CC45", "CC46", "CC47", "CC48", "CC49", "CC50", "CC51", "CC52", "CC53", "CC54", "CC55", "CC56", "CC57", "CC58", "ER1", "ER2", "ER3", "ER4", "ER5", "ER6", "ER7", "ER8", "ER9", "ER10", "ER11", "ER12", "ER13", "ER14", "ER15", "ER16", "ER17", "ER18", "ER19", "ER20", "ER21", "ER22", "ER23", "ER24", "ER25", "ER26", "ER27", "ER28", "ER29", "ER30", "ER31", "ER32", "ER33", "ER34", "ER35", "ER36", "ER37", "ER38", "ER39", "ER40", "ER41", "ER42", "ER43", "ER44", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7", "PN8", "PN9", "PN10", "PN11", "PN12", "PN13", "PN14", "PN15", "PN16", "PN17", "PN18", "PN19", "PN20", "PN21", "PN22", "PN23", "PN24", "PN25", "PN26", "PN27", "PN28", "PN29", "PN30", "PN31", "PN32", "PN33", "PN34", "PN35", "PN36", "SR1", "SS1", "SS2", "SS3", "SS4",
                "SS5", "SS6", "SS7", "SS8", "SS9", "SS10", "SS11", "SS12", "SS13", "SS14", "SS15", "SS16", "SS17", "SS18", "SS19", "SS20", "SS21", "SS22", "SS23", "SS24", "SS25", "US1", "US2", "US3", "US4", "US5", "US6", "US7", "US8", "US9", "US10", "US11", "US12", "US13", "US14", "US15", "US16", "US17", "US18", "US19", "US20", "US21", "US22", "US23", "US24", "US25", "US26", "US27", "US28", "US29");
        assertThat(ChangeAnalyzer.allRules()).allSatisfy(r -> {
            assertThat(r.info().catches()).isNotBlank();
            assertThat(r.info().cannotSee()).isNotBlank();
        });
    }

    @Test
    void findingsAreAttachedToTheirHunkWithPriorities() {
        ChangeAnalysis a = analyze(new InMemoryChange().added("src/store.rs", RISKY), 2);
        Finding al1 = a.findings().stream().filter(f -> f.ruleId().equals("AL1")).findFirst().orElseThrow();
        FileAnalysis file = a.file("src/store.rs").orElseThrow();
        assertThat(file.hunks().get(0).findingIds()).contains(al1.id());
        assertThat(file.hunks().get(0).id()).matches("h[0-9a-f]{8}");
        assertThat(al1.id()).matches("AL1-[0-9a-f]{8}");
        assertThat(file.priority().highest()).isEqualTo(al1.severity());
        assertThat(a.categoryCounts()).containsKey(Category.CORE_LOGIC);
    }

    @Test
    void syntaxErrorsMakeTheAnalysisPartialButKeepTheFindingsThatDoNotNeedTheBrokenCode() {
        String broken = RISKY + "\nfn broken( {\n    let x = ;\n}\n";
        ChangeAnalysis a = analyze(new InMemoryChange().added("src/store.rs", broken), 1);
        FileAnalysis file = a.file("src/store.rs").orElseThrow();
        assertThat(file.partial()).isTrue();
        assertThat(file.analysed()).isTrue();
        assertThat(file.note()).contains("syntax errors on the new side near line");
        assertThat(a.findings()).extracting(Finding::ruleId).contains("AL1");
        assertThat(file.category()).isNotNull();
    }

    @Test
    void aFileThatCannotBeParsedInTimeIsReportedAsNotAnalysed() {
        String huge = "fn f() { let x = 1; }\n".repeat(300_000);
        ChangeAnalyzer analyzer = new ChangeAnalyzer(ChangeAnalyzer.allRules(), AgentPatterns.none(),
                new ChangeAnalyzer.Options(new ParseLimits(Duration.ofMillis(50), Integer.MAX_VALUE), 1));
        InMemoryChange change = new InMemoryChange().added("src/huge.rs", huge).added("src/store.rs", RISKY);
        ChangeAnalysis a = analyzer.analyze(change.changeSet(), change, List.of(), ChangeAnalyzer.Listener.NONE, () -> false);
        FileAnalysis file = a.file("src/huge.rs").orElseThrow();
        assertThat(file.analysed()).isFalse();
        assertThat(file.note()).contains("not analysed").contains("longer than 50 ms");
        assertThat(a.findings()).extracting(Finding::ruleId).contains("AL1");
    }

    @Test
    void aMegabyteLongLineIsParsedOrReportedButNeverHangs() {
        String longLine = "pub const DATA: &[u8] = &[" + "1, ".repeat(400_000) + "];\n";
        ChangeAnalysis a = analyze(new InMemoryChange().added("src/data.rs", longLine).added("src/store.rs", RISKY), 2);
        FileAnalysis file = a.file("src/data.rs").orElseThrow();
        assertThat(file.analysed() || file.note().contains("not analysed")).isTrue();
        assertThat(a.findings()).extracting(Finding::ruleId).contains("AL1");
    }

    @Test
    void cancellationStopsTheAnalysis() {
        AtomicInteger seen = new AtomicInteger();
        ChangeAnalyzer analyzer = new ChangeAnalyzer(ChangeAnalyzer.allRules(), AgentPatterns.none(),
                new ChangeAnalyzer.Options(ParseLimits.DEFAULT, 1));
        InMemoryChange change = manyFiles();
        assertThatThrownBy(() -> analyzer.analyze(change.changeSet(), change, List.of(),
                (done, total, path) -> seen.incrementAndGet(), () -> seen.get() >= 3))
                .isInstanceOf(CancellationException.class);
        assertThat(seen.get()).isLessThan(25);
    }

    @Test
    void aBrokenRepositoryConfigIsAWarningNotAFailure() {
        InMemoryChange change = new InMemoryChange().added("src/store.rs", RISKY)
                .atHead(".rust-review.json", "{ not json");
        ChangeAnalysis a = analyze(change, 1);
        assertThat(a.warnings()).singleElement().asString().contains(".rust-review.json").contains("ignored");
        assertThat(a.findings()).isNotEmpty();
    }

    @Test
    void linguistGeneratedFilesAreCategorisedAsGenerated() {
        InMemoryChange change = new InMemoryChange().added("src/schema.generated.rs", "pub fn f() {}\n")
                .added("src/gen/api.rs", "pub fn g() {}\n")
                .atHead(".gitattributes", "src/gen/** linguist-generated\n");
        ChangeAnalysis a = analyze(change, 1);
        assertThat(a.file("src/schema.generated.rs").orElseThrow().category()).isEqualTo(Category.GENERATED);
        assertThat(a.file("src/gen/api.rs").orElseThrow().category()).isEqualTo(Category.GENERATED);
    }
}
