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
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AP4: a struct gains a field that is not {@code Sync} ({@code RefCell}, {@code Cell}, {@code UnsafeCell}) or not
 * {@code Send} ({@code Rc}, a raw pointer). Auto traits follow the fields, silently: a public type stops being
 * {@code Send}/{@code Sync} for every caller, and the future of an {@code async fn} that holds {@code &self} across an
 * await stops being {@code Send}, so it can no longer be spawned on a multi-threaded runtime. pulsar-rs afdf6d08
 * reversed: a {@code RefCell} in {@code TopicProducer} made {@code Producer}'s futures non-{@code Send}.
 */
public final class AutoTraitLost implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("AP4", RiskArea.API, Severity.MEDIUM, "struct loses Send or Sync",
            "In a non-test Rust file, a struct that stays (declared `pub`, or with an `async fn` in an impl of it in "
                    + "the file) gains a field whose type names `RefCell`, `Cell` or `UnsafeCell` (not `Sync`) or `Rc` "
                    + "or a raw pointer (not `Send`) where none of its fields named one before, and the file declares "
                    + "no `unsafe impl Send`/`Sync` for it.",
            "It reads field types as text: a type alias or a wrapper that hides such a field is not followed, and "
                    + "a struct only one thread ever uses is reported too (a thread-per-core runtime's types, "
                    + "tokio's `LocalSet`: not `Send` by design).");

    private static final Pattern NOT_SYNC = Pattern.compile("(?<![\\w:])(?:(?:std|core)\\s*::\\s*cell\\s*::\\s*)?"
            + "(RefCell|Cell|UnsafeCell)\\s*<");
    private static final Pattern NOT_SEND = Pattern.compile("(?<![\\w:])(?:(?:std|alloc)\\s*::\\s*rc\\s*::\\s*)?(Rc)\\s*<"
            + "|\\*\\s*(?:const|mut)\\s+\\w");

    /** {@code pub struct}: visible outside the crate (not {@code pub(crate)}). */
    private static final Pattern PUBLIC = Pattern.compile("\\bpub\\s+struct\\b");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (!file.isRust() || file.oldText() == null || file.newText() == null || file.isTestPath()
                || !(file.newText().contains("Cell") || file.newText().contains("Rc") || file.newText().contains("*"))) {
            return out;
        }
        ItemOutline before = ItemOutline.before(file);
        ItemOutline after = ItemOutline.after(file);
        Map<String, ItemOutline.Item> now = after.byKey(ItemOutline.Kind.STRUCT);
        for (ItemOutline.Item was : before.byKey(ItemOutline.Kind.STRUCT).values()) {
            ItemOutline.Item is = now.get(was.key());
            if (is == null || after.inTest(is) || !ItemOutline.plain(was.header()).matches("(?s)(?:pub\\b.*)?struct\\b.*")
                    || !file.anyAdded(after.line(is.bodyStart()), after.endLine(is))) {
                continue;
            }
            String oldBody = before.body(was);
            String newBody = after.body(is);
            for (Pattern marker : List.of(NOT_SYNC, NOT_SEND)) {
                boolean send = marker == NOT_SEND;
                if (marker.matcher(oldBody).find() || !marker.matcher(newBody).find()
                        || Pattern.compile("unsafe\\s+impl\\b[^{;]{0,200}\\b" + (send ? "Send" : "Sync") + "\\s+for\\s+"
                                + Pattern.quote(is.name()) + "\\b").matcher(file.newText()).find()) {
                    continue;
                }
                Matcher m = marker.matcher(newBody);
                int line = -1;
                String found = null;
                while (line < 0 && m.find()) {
                    int at = after.line(is.bodyStart() + m.start());
                    if (file.added(at)) {
                        line = at;
                        found = m.group().strip();
                    }
                }
                if (line > 0 && exposed(file, is)) { // asked last: it reads the whole file
                    out.add(finding(file, is.name(), send, found, line));
                    break;
                }
            }
        }
        return out;
    }

    /** Whether the struct is public, or the file has an {@code async fn} in an impl of it (its futures hold self). */
    private static boolean exposed(ChangedFile file, ItemOutline.Item struct) {
        if (PUBLIC.matcher(struct.header()).find()) {
            return true;
        }
        Matcher impl = Pattern.compile("\\bimpl\\b[^{;]{0,200}?\\b" + Pattern.quote(struct.name()) + "\\b[^{;]{0,80}\\{")
                .matcher(file.newText());
        while (impl.find()) {
            int end = RuleSupport.closing(file.newText(), impl.end() - 1, '{', '}');
            if (end > impl.end() && file.newText().substring(impl.end(), end).matches("(?s).*\\basync\\s+fn\\b.*")) {
                return true;
            }
        }
        return false;
    }

    private static Finding finding(ChangedFile file, String struct, boolean send, String marker, int line) {
        String kind = marker.startsWith("*") ? "a raw pointer" : "`" + marker.replaceAll("\\s*<$", "") + "`";
        String trait = send ? "Send" : "Sync";
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(struct).object("not " + trait)
                .title("`" + struct + "` gains " + kind + " and is no longer `" + trait + "`")
                .explanation("Auto traits follow the fields: with " + kind + " in it `" + struct + "` is no longer `"
                        + trait + "`, and neither is anything that holds it. Callers that send it to another thread "
                        + "or share it behind an `Arc` stop compiling, and the future of an `async fn` that holds "
                        + (send ? "it" : "`&self`") + " across an await is no longer `Send`, so it cannot be spawned on a "
                        + "multi-threaded runtime: a breaking change the diff does not show.")
                .check("Use the thread-safe counterpart (`Mutex`/`RwLock`/atomics for a cell, `Arc` for `Rc`), or "
                        + "take `&mut self` where the cell was for interior mutability; if the loss is intended, "
                        + "say so in the changelog as a breaking change.")
                .build();
    }
}
