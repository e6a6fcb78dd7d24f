package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ER21: a step that ran on every path moved into the success arm while the error arm returns early. */
class StepSkippedOnErrorTest {

    private final StepSkippedOnError rule = new StepSkippedOnError();

    /** surrealkv's CommitPipeline::commit with its fix (bf772f7c) reversed, cut down. */
    private static final String COMMIT = """
              impl CommitPipeline {
                  pub async fn commit(&self, batch: Batch) -> Result<()> {
                      let commit_batch = self.enqueue(batch)?;
                      let apply_result = self.apply(&commit_batch);
            -         commit_batch.mark_applied();
            -         let apply_err = if let Err(ref e) = apply_result {
            -             let err = Error::CommitFail(e.to_string());
            -             commit_batch.complete(Err(err.clone()));
            -             Some(err)
            -         } else {
            -             None
            -         };
            -         self.publish();
            -         if let Some(err) = apply_err {
            -             return Err(err);
            -         }
            +         match apply_result {
            +             Ok(_) => {
            +                 commit_batch.mark_applied();
            +                 self.publish();
            +             }
            +             Err(e) => {
            +                 let err = Error::CommitFail(e.to_string());
            +                 commit_batch.complete(Err(err.clone()));
            +                 return Err(err);
            +             }
            +         }
                      Ok(())
                  }
              }
            """;

    @Test
    void aPublishThatRanOnEveryPathNowOnlyOnSuccess() {
        List<Finding> f = RuleRun.on(rule, "src/commit.rs", COMMIT);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER21", MEDIUM, NEW, 7, 7));
        assertThat(f.get(0).title()).isEqualTo("`commit_batch.mark_applied();` in `commit` now runs only in `Ok(_)`");
        // an if let Ok whose else returns
        assertThat(RuleRun.on(rule, "src/commit.rs", COMMIT.replace("""
                +         match apply_result {
                +             Ok(_) => {
                +                 commit_batch.mark_applied();
                +                 self.publish();
                +             }
                +             Err(e) => {
                """, """
                +         if let Ok(_) = apply_result {
                +             commit_batch.mark_applied();
                +             self.publish();
                +         } else {
                +             {
                """))).hasSize(1);
        // an if let Ok over a call: the call's receiver and arguments are not names the pattern binds
        assertThat(RuleRun.on(rule, "src/commit.rs", COMMIT.replace("""
                +         match apply_result {
                +             Ok(_) => {
                +                 commit_batch.mark_applied();
                +                 self.publish();
                +             }
                +             Err(e) => {
                """, """
                +         if let Ok(_) = self.apply(&commit_batch) {
                +             commit_batch.mark_applied();
                +             self.publish();
                +         } else {
                +             {
                """))).hasSize(1);
    }

    @Test
    void aStepStillOnTheErrorPathOrNeverUnconditionalIsLeftAlone() {
        // the fix direction
        assertThat(RuleRun.on(rule, "src/commit.rs", COMMIT.replace("+   ", "@   ").replace("-   ", "+   ")
                .replace("@   ", "-   "))).isEmpty();
        // the error arm does not return: the fn goes on
        assertThat(RuleRun.on(rule, "src/commit.rs", COMMIT.replace("+                 return Err(err);", "+                 self.failed(err);"))).isEmpty();
        // the step was conditional before too
        assertThat(RuleRun.on(rule, "src/commit.rs", COMMIT.replace("-         commit_batch.mark_applied();\n", "")
                .replace("-         self.publish();\n", "-         if ready { self.publish(); }\n"))).isEmpty();
        // the step was there before and stays where it was (an unchanged line)
        assertThat(RuleRun.on(rule, "src/commit.rs", COMMIT.replace("-         commit_batch.mark_applied();\n", "")
                .replace("-         self.publish();\n", "")
                .replace("+                 commit_batch.mark_applied();\n+                 self.publish();\n",
                        "+                 self.note();\n"))).isEmpty();
        // the step still runs unconditionally on a line the change keeps
        assertThat(RuleRun.on(rule, "src/commit.rs", COMMIT.replace("-         commit_batch.mark_applied();", "          commit_batch.mark_applied();")
                .replace("-         self.publish();\n", "").replace("+                 self.publish();\n", ""))).isEmpty();
        // the arm's step unchanged: the finding needs a line the change adds
        assertThat(RuleRun.on(rule, "src/commit.rs", COMMIT.replace("+                 commit_batch.mark_applied();", "                  commit_batch.mark_applied();")
                .replace("-         self.publish();\n", "").replace("+                 self.publish();\n", ""))).isEmpty();
        // the step also still runs on every path after the match (yamux 70ed2262)
        assertThat(RuleRun.on(rule, "src/commit.rs", COMMIT.replace("-         self.publish();\n", "")
                .replace("+                 self.publish();\n", "").replace("\n          Ok(())", "\n+         commit_batch.mark_applied();\n          Ok(())"))).isEmpty();
        // the step uses the success value: it never ran on the error path (tokio's poll_read left through `?`)
        assertThat(RuleRun.on(rule, "src/commit.rs", COMMIT.replace("Ok(_) => {", "Ok(applied) => {")
                .replace("commit_batch.mark_applied();", "commit_batch.mark_applied(applied);")
                .replace("self.publish();", "self.publish(&applied);"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/commit.rs", COMMIT.replace("Ok(_) => {", "Ok(applied) => {"))).hasSize(1);
        // a logging macro
        assertThat(RuleRun.on(rule, "src/commit.rs", COMMIT.replace("commit_batch.mark_applied();", "debug!(\"applied\");")
                .replace("self.publish();", "trace!(\"published\");"))).isEmpty();
    }
}
