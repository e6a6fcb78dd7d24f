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
 * SS23: a {@code mut} binding in a pattern matched on {@code self}'s own state, in a method that returns nothing:
 * the binding is a copy (only a {@code Copy} value can be bound by value out of a borrowed {@code self}), so what the
 * method changes on it is thrown away when the arm ends. ntpd-rs cbe09a28 reversed: {@code fn update(&self, ..)}
 * matched {@code Self::RoundtripDelay(mut stats)} and fed each delay to {@code stats.update(..)}; the averaging
 * buffer was {@code Copy}, so the delay statistics never moved from their first value. Edition 2024 rejects a
 * {@code mut} binding under a reference's default binding mode; edition 2021 compiles it without a word.
 */
public final class MutatedCopyOfSelf implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("SS23", RiskArea.SHARED_STATE, Severity.MEDIUM,
            "state updated on a copy",
            "In a non-test method on `&self` or `&mut self` that returns nothing, the change touches a `match self`, "
                    + "`match *self` or `match self.f` (also `if let .. = self..`) whose pattern binds `mut x` (not `ref "
                    + "mut x`), and the arm does not assign back to `self`.",
            "It reads the method's text: a copy changed on purpose and then stored through another path (a call that "
                    + "takes it) is reported too.");

    private static final Pattern REFERENCE_SELF = Pattern.compile("\\(\\s*&\\s*(?:'\\w+\\s+)?(?:mut\\s+)?self\\b");
    private static final Pattern SCRUTINEE = Pattern.compile("(?<![\\w.])(?:match|if\\s+let\\s+[^=;{}]{1,200}?=)\\s*"
            + "\\*?\\s*self(?:\\s*\\.\\s*[a-z_]\\w*){0,3}\\s*\\{");
    private static final Pattern MUT_BINDING = Pattern.compile("(?<![\\w.])(?<!ref\\s)mut\\s+([a-z_]\\w{0,40})\\s*[),}@]");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.newText() == null || !file.newText().contains("mut ")) {
            return out;
        }
        ItemOutline after = null;
        for (ItemOutline.Item fn : ItemOutline.changedFns(file)) {
            if (out.size() >= 8 || !REFERENCE_SELF.matcher(fn.header()).find() || fn.header().contains("->")) {
                continue;
            }
            after = after != null ? after : ItemOutline.after(file);
            String body = after.body(fn);
            if (body.length() > 100_000) {
                continue;
            }
            Matcher s = SCRUTINEE.matcher(body);
            int looked = 0;
            while (s.find() && looked++ < 16) {
                boolean match = s.group().startsWith("match");
                int open = s.end() - 1;
                int close = RuleSupport.closing(body, open, '{', '}');
                if (close >= body.length()) {
                    continue;
                }
                // an `if let` binds in its own pattern, before the `=`; a `match` in its arms
                String patterns = match ? body.substring(open, close) : s.group();
                int base = match ? open : s.start();
                Matcher b = MUT_BINDING.matcher(patterns);
                while (b.find()) {
                    if (match && !inPattern(patterns, b.start())) {
                        continue;
                    }
                    String name = b.group(1);
                    String arm = match ? armAfter(patterns, b.end()) : body.substring(open, close);
                    if (arm.matches("(?s).*(?<![\\w.])\\*?self\\s*(?:\\.\\s*[a-z_]\\w*\\s*){0,3}=(?!=).*")) {
                        continue; // written back
                    }
                    int line = after.line(fn.bodyStart() + base + b.start());
                    if (!file.added(line) && !file.added(after.line(fn.start()))) {
                        continue;
                    }
                    out.add(finding(file, fn, line, name));
                    break;
                }
                if (!out.isEmpty() && out.get(out.size() - 1).objects().contains(fn.name())) {
                    break;
                }
            }
        }
        return out;
    }

    /**
     * Whether {@code at} in a match block lies in an arm's pattern: scanning on, a {@code =>} comes before any other
     * {@code =} or {@code ;} (a {@code let (mut a, b) = ..;} in an arm's body meets its {@code =} first).
     */
    private static boolean inPattern(String block, int at) {
        for (int i = at; i < block.length() - 1; i++) {
            char c = block.charAt(i);
            if (c == '=') {
                return block.charAt(i + 1) == '>';
            }
            if (c == ';') {
                return false;
            }
        }
        return false;
    }

    /** The arm's body after the pattern ending near {@code from}: up to the next arm's {@code =>} (or the block's end). */
    private static String armAfter(String block, int from) {
        int arrow = block.indexOf("=>", from);
        if (arrow < 0) {
            return "";
        }
        int next = block.indexOf("=>", arrow + 2);
        return block.substring(arrow + 2, next < 0 ? block.length() : next);
    }

    private static Finding finding(ChangedFile file, ItemOutline.Item fn, int line, String name) {
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(fn.name()).object("mut " + name)
                .title("`" + fn.name() + "` changes `" + name + "`, a copy of its state: the change is lost")
                .explanation("`mut " + name + "` binds by value out of `self`, which `" + fn.name() + "` only borrows; "
                        + "that compiles only for a `Copy` value, so `" + name + "` is a copy. The method returns "
                        + "nothing and does not store `" + name + "` back, so every update made to it is dropped at the "
                        + "end of the arm and the state in `self` never changes (Rust 2024 rejects this binding; 2021 "
                        + "accepts it silently).")
                .check("Bind with `ref mut " + name + "` on `&mut self` (or match on `&mut self.f`), and consider "
                        + "dropping `Copy` from a type that holds state which is updated in place.")
                .build();
    }
}
