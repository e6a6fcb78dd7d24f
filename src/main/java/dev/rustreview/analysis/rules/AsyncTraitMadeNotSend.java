package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.model.DiffLine;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Hunk;
import dev.rustreview.model.LineKind;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * AL46: {@code #[async_trait]} replaced by {@code #[async_trait(?Send)]}. The macro then boxes every method's future
 * without the {@code Send} bound, so an async fn of any caller that awaits one of them is no longer {@code Send}
 * either, and cannot be handed to {@code tokio::spawn} or held across an await in a spawned task. The compiler
 * reports it only where such a caller is spawned, often in another crate. sea-orm ddf0a714 reversed: the
 * {@code sea_schema::Connection} impls for the database connection and transaction were {@code ?Send}, so
 * {@code SchemaBuilder::sync()} returned a future no multi-threaded runtime could spawn.
 */
public final class AsyncTraitMadeNotSend implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("AL46", RiskArea.ASYNC_LIFETIMES, Severity.MEDIUM,
            "async_trait made ?Send",
            "Outside test code, the change removes an `#[async_trait]` attribute (any path ending `async_trait`, "
                    + "without `?Send`) and adds the same attribute with `?Send` in the same run of changed lines.",
            "It reads the attribute lines only: whether any caller's future must be `Send` (a spawned task, a "
                    + "`Send` bound in another crate) is for the compiler, on the callers it builds.",
            "future_not_send");

    private static final Pattern SEND = Pattern.compile("^\\s*#\\s*\\[\\s*(?:::)?(?:\\w+\\s*::\\s*)*async_trait\\s*\\]\\s*$");
    private static final Pattern NOT_SEND = Pattern.compile("^\\s*#\\s*\\[\\s*(?:::)?(?:\\w+\\s*::\\s*)*async_trait\\s*\\(\\s*\\?\\s*"
            + "Send\\s*\\)\\s*\\]\\s*$");
    private static final int MAX_FINDINGS = 8;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (!file.isRust() || file.oldText() == null || file.newText() == null || file.isTestPath()
                || !file.newText().contains("?Send")) {
            return out;
        }
        String[] lines = file.newText().split("\n", -1);
        for (Hunk hunk : file.change().hunks()) {
            boolean removedSend = false;
            for (DiffLine d : hunk.lines()) {
                if (d.kind() == LineKind.CONTEXT) {
                    removedSend = false;
                } else if (d.kind() == LineKind.REMOVED) {
                    removedSend |= SEND.matcher(d.text()).matches();
                } else if (removedSend && NOT_SEND.matcher(d.text()).matches() && out.size() < MAX_FINDINGS) {
                    String item = itemAfter(lines, d.newLine());
                    if (item == null || ItemOutline.plain(item).isEmpty()) {
                        continue;
                    }
                    removedSend = false;
                    out.add(FindingBuilder.lines(INFO, file, Side.NEW, d.newLine(), d.newLine())
                            .object(item)
                            .title("`#[async_trait(?Send)]` replaces `#[async_trait]` on `" + RuleSupport.shorten(item) + "`")
                            .explanation("With `?Send` the macro boxes each method's future without the `Send` bound. "
                                    + "Every async fn that awaits one of these methods is then not `Send` either: it "
                                    + "can no longer be passed to `tokio::spawn` or run on a multi-threaded runtime, and "
                                    + "the compiler says so only where such a caller is spawned, often in a crate that "
                                    + "depends on this one.")
                            .check("Keep `#[async_trait]` unless a method truly holds a non-`Send` value across an "
                                    + "await; then say which, and check that no caller spawns these futures.")
                            .build());
                }
            }
        }
        return out;
    }

    /** The item the attribute on {@code line} (1-based) applies to: the next line that is not an attribute. */
    private static String itemAfter(String[] lines, int line) {
        for (int i = line; i < lines.length && i < line + 8; i++) {
            String text = lines[i].strip();
            if (!text.isEmpty() && !text.startsWith("#") && !text.startsWith("//")) {
                return text.replaceAll("\\s*\\{\\s*$", "");
            }
        }
        return null;
    }
}
