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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CC53: an attempt that could fail ({@code x.try_write()}, {@code try_read}, {@code try_lock}) replaced by the access
 * that waits ({@code x.write()}). The old code skipped the work when the lock was taken; the new code waits for it,
 * and when the holder is the caller itself (a re-entrant path: a reactive graph's memo marked clean while it is being
 * recomputed) it waits forever. leptos d306a15f reversed: {@code if let Ok(mut lock) = self.try_write()} in
 * {@code mark_check}/{@code add_subscriber} became {@code self.write().or_poisoned()} and memos deadlocked. When the
 * old code read an {@code Option} ({@code if let Some(t) = tasks.try_read()}) from something that is not named a lock,
 * the failure it handled is an absence (a disposed signal), and the plain access panics there: that is PN5, built
 * here as well (leptos a39add50 reversed).
 */
public final class TryAccessTwin implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("CC53", RiskArea.CONCURRENCY, Severity.MEDIUM,
            "try-lock replaced by a waiting lock",
            "In a non-test fn that stays, the change removes `x.try_lock()` (or `x.try_write()`/`x.try_read()` whose "
                    + "result the old line matched as `Ok`/`Err`, or on a receiver named like a lock) and adds "
                    + "`x.lock()` (`write()`/`read()`) on the same receiver, the new fn trying no more.",
            "It does not know who holds the lock when the fn runs: a try that only ever saw contention from other "
                    + "threads becomes a wait, which is often what was meant.");

    private static final Pattern TRY = Pattern.compile("(?<![\\w.])((?:self|[a-z_]\\w{0,40})(?:\\s*\\.\\s*[a-z_]\\w{0,40}){0,3})"
            + "\\s*\\.\\s*try_(lock|read|write)\\s*\\(\\s*\\)");
    private static final Pattern RESULT = Pattern.compile("\\b(?:Ok|Err)\\s*\\(|\\.\\s*is_(?:ok|err)\\s*\\(");
    private static final Pattern LOCK_NAME = Pattern.compile("(?i)lock|mutex|guard|rw");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.oldText() == null || !file.oldText().contains("try_")) {
            return out;
        }
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            if (out.size() >= 8) {
                break;
            }
            List<PanickingTwinAdded.Line> removed = PanickingTwinAdded.lines(pair.before(), pair.was(), file::removed);
            List<PanickingTwinAdded.Line> added = PanickingTwinAdded.lines(pair.after(), pair.now(), file::added);
            Finding f = twin(file, pair, removed, added, true);
            if (f != null) {
                out.add(f);
            }
        }
        return out;
    }

    /** The PN5 side: an {@code Option}-returning try on something not named a lock, replaced by the plain access. */
    static void optionTwin(ChangedFile file, ItemOutline.FnPair pair, List<PanickingTwinAdded.Line> removed,
                           List<PanickingTwinAdded.Line> added, List<Finding> out) {
        Finding f = twin(file, pair, removed, added, false);
        if (f != null) {
            out.add(f);
        }
    }

    private static Finding twin(ChangedFile file, ItemOutline.FnPair pair, List<PanickingTwinAdded.Line> removed,
                                List<PanickingTwinAdded.Line> added, boolean lock) {
        int looked = 0;
        for (PanickingTwinAdded.Line r : removed) {
            Matcher was = TRY.matcher(r.text());
            while (was.find() && looked++ < 16) {
                String receiver = was.group(1).replaceAll("\\s+", "");
                String kind = was.group(2);
                boolean lockLike = kind.equals("lock") || RESULT.matcher(r.text()).find()
                        || LOCK_NAME.matcher(receiver).find();
                if (lockLike != lock) {
                    continue;
                }
                String spaced = Pattern.quote(receiver).replace(".", "\\E\\s*\\.\\s*\\Q");
                if (Pattern.compile("(?<![\\w.])" + spaced + "\\s*\\.\\s*try_" + kind + "\\s*\\(").matcher(pair.newBody()).find()) {
                    continue; // the fn still tries
                }
                Pattern plain = Pattern.compile("(?<![\\w.])" + spaced + "\\s*\\.\\s*" + kind + "\\s*\\(\\s*\\)");
                for (PanickingTwinAdded.Line a : added) {
                    if (!plain.matcher(a.text()).find()) {
                        continue;
                    }
                    String fn = pair.now().name();
                    String tried = receiver + ".try_" + kind + "()";
                    String now = receiver + "." + kind + "()";
                    FindingBuilder b = FindingBuilder.lines(lock ? INFO : PanickingTwinAdded.INFO, file, Side.NEW,
                            a.number(), a.number()).object(fn).object(tried + " -> " + now);
                    if (lock) {
                        return b.title("`" + now + "` replaces `" + tried + "` in `" + fn + "`: it waits where it skipped")
                                .explanation("Before the change `" + fn + "` tried the lock and went on without it when "
                                        + "it was taken; now `" + now + "` waits for it. If the holder is this call's own "
                                        + "caller (a re-entrant path: a callback, a graph node marked while it is being "
                                        + "recomputed) it waits forever, and a lock held by another thread now stalls "
                                        + "this one.")
                                .check("Check who can hold `" + receiver + "` when `" + fn + "` runs; if its caller can, "
                                        + "keep `try_" + kind + "` and the skip.")
                                .build();
                    }
                    return b.title("`" + now + "` replaces `" + tried + "` in `" + fn + "`")
                            .explanation("Before the change `" + fn + "` used `" + tried + "`, which returns `None` when "
                                    + "the value cannot be read (disposed, already borrowed), and skipped the work then; "
                                    + "`" + now + "` has no such case and panics there.")
                            .check("Keep `try_" + kind + "` where the value may be gone when this runs (an effect after "
                                    + "its owner was disposed, a callback during teardown).")
                            .build();
                }
            }
        }
        return null;
    }
}
