package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * AL27: the change deletes the {@code Drop} (or pin-project {@code PinnedDrop}) impl of a future or stream, and the
 * type stays. A future is dropped unfinished whenever its caller is cancelled (a timeout, a {@code select!} that
 * took another branch, a client that went away); the cleanup its poll path does on completion then never runs.
 * sentry-rust 19bd8990 reversed: {@code SentryHttpFuture} lost the {@code PinnedDrop} that finished the transaction
 * and restored the parent span when a request was dropped early, so those transactions leaked unfinished.
 */
public final class FutureDropRemoved implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("AL27", RiskArea.ASYNC_LIFETIMES, Severity.MEDIUM,
            "cleanup on a future's drop removed",
            "The change deletes a non-test `impl Drop` or `impl PinnedDrop` whose `drop` does more than log, for a "
                    + "type the file still declares and that implements `Future` or `Stream` (or is a "
                    + "`pin_project(PinnedDrop)` type), and the crate has no other `drop` for it.",
            "It reads the file the impl was in: cleanup that moved into a field's own `Drop`, or a type whose "
                    + "`Future` impl is in another file, is not told apart.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (DeletedDrops.Deleted d : DeletedDrops.in(file)) {
            String old = d.before().masked();
            Pattern future = Pattern.compile("\\bimpl\\b[^{;]{0,200}?\\b(Future|Stream)\\s+for\\s+" + Pattern.quote(d.type())
                    + "\\b|impl\\s+PinnedDrop\\s+for\\s+" + Pattern.quote(d.type()) + "\\b");
            if (!future.matcher(old).find()) {
                continue;
            }
            out.add(FindingBuilder.lines(INFO, file, Side.OLD, d.line(), d.line())
                    .object(d.type())
                    .title("`" + d.type() + "` no longer cleans up when it is dropped unfinished")
                    .explanation("The change deletes the `drop` of `" + d.type() + "`, a future, and the type stays. "
                            + "A future is dropped before completion whenever whoever awaits it is cancelled: a "
                            + "timeout, a `select!` that took another branch, a connection that closed. What the "
                            + "deleted `drop` did then (finishing, releasing or reporting what the poll path would "
                            + "have on completion) no longer happens on those paths.")
                    .check("Check whether completion is the only way this future ends; if it can be dropped early, "
                            + "keep the cleanup in `Drop`/`PinnedDrop` (guarded so that it runs once).")
                    .build());
        }
        return out;
    }
}
