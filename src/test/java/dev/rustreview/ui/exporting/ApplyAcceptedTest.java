package dev.rustreview.ui.exporting;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.git.GitRepository;
import dev.rustreview.git.RefInfo;
import dev.rustreview.review.AcceptedChanges;
import dev.rustreview.review.DecisionState;
import dev.rustreview.review.ReviewSession;
import dev.rustreview.ui.fx.ErrorText;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplyAcceptedTest {

    @TempDir
    static Path shared;
    static SampleReview sample;
    static ExecutorService background;

    @BeforeAll
    static void build() {
        sample = SampleReview.build(shared);
        background = Executors.newSingleThreadExecutor();
    }

    @AfterAll
    static void stop() {
        background.shutdownNow();
    }

    @Test
    void nothingAcceptedIsAClearMessageNotAnError() {
        ApplyAccepted.Plan plan = ApplyAccepted.plan(sample.session());
        assertThat(plan.canWrite()).isFalse();
        assertThat(plan.summary()).startsWith("No accepted units");
        assertThat(plan.defaultBranch()).isEqualTo("review/agent/backup-executor-accepted");
    }

    @Test
    void writesTheAcceptedBranchInTheBackgroundAndReportsItsCommit() throws Exception {
        ReviewSession s = sample.session();
        var entries = s.index().entries();
        s.decide(entries.get(0).id(), DecisionState.ACCEPTED, null);
        s.decide(entries.get(1).id(), DecisionState.ACCEPTED, null);
        ApplyAccepted.Plan plan = ApplyAccepted.plan(s);
        assertThat(plan.canWrite()).isTrue();
        assertThat(plan.summary()).isEqualTo("2 of " + entries.size() + " units accepted");

        try (GitRepository git = GitRepository.open(sample.repo)) {
            String message = new ApplyAccepted(background).write(plan.prepared(), plan.defaultBranch(),
                    (prepared, branch) -> AcceptedChanges.write(git, prepared, branch, "Tester <tester@example.com>"))
                    .get(60, TimeUnit.SECONDS);
            RefInfo ref = git.refs().stream().filter(r -> r.shortName().equals(plan.defaultBranch())).findFirst()
                    .orElseThrow();
            assertThat(ref.kind()).isEqualTo(RefInfo.Kind.LOCAL);
            assertThat(message).isEqualTo("Wrote " + plan.defaultBranch() + " at " + ref.commitId().substring(0, 7)
                    + " (2 units)");
        }
    }

    @Test
    void badBranchNamesAreRefusedInWordsBeforeAnyWrite() throws Exception {
        ReviewSession s = sample.session();
        s.decide(s.index().entries().get(0).id(), DecisionState.ACCEPTED, null);
        ApplyAccepted.Plan plan = ApplyAccepted.plan(s);
        for (String bad : new String[] {"", "  ", "a..b", "has space", "-x", "x.lock", "a~1", "ends/"}) {
            assertThat(ApplyAccepted.invalidBranch(bad)).as(bad).isNotNull();
        }
        assertThat(ApplyAccepted.invalidBranch("review/agent-x-accepted")).isNull();
        var future = new ApplyAccepted(background).write(plan.prepared(), "a..b", (p, b) -> {
            throw new AssertionError("must not write");
        });
        assertThat(ErrorText.of(future.handle((m, e) -> e).get(10, TimeUnit.SECONDS)))
                .isEqualTo("'a..b' is not a valid branch name");
    }
}
