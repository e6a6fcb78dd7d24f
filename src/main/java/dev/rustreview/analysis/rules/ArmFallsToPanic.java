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
 * PN34: a match arm removed so that its values now reach a catch-all arm that panics. The arm handled a state
 * (often one reached only by a race: a client being replaced while a request arrives); without it the
 * {@code s => panic!("invalid state {s:?}")} the match ends in takes that state, and a rare interleaving brings the
 * process down. crucible 3ede71e1 reversed: {@code set_active_request} panicked for a client in
 * {@code Stopping(Replacing)} when an activation request raced with its replacement.
 */
public final class ArmFallsToPanic implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("PN34", RiskArea.PANICS, Severity.MEDIUM, "match arm removed before a panicking catch-all",
            "In a non-test fn that stays, the change deletes a match arm `P => ..` (not itself panicking, and with "
                    + "a name or number of `P` no longer in the new fn: a pattern rewritten in place is not an arm removed) from a `match` whose catch-all arm (`_ =>` or a binding, with "
                    + "no `if` guard) panics (`panic!`, `unreachable!`, `unimplemented!`, `todo!`) and stays: what `P` "
                    + "matched now panics.",
            "It reads the arms as text: a pattern folded into another arm (`A | P =>`) is seen only when its text "
                    + "stays, and whether `P` can still occur is not known.");

    /** An arm's pattern: one line, a struct pattern's braces ({@code State::NotStarted { .. }}) allowed, one deep. */
    private static final Pattern ARM = Pattern.compile("^\\s*([\\w'\"(&\\[-](?:[^=;{}]|\\{[^=;{}]{0,80}\\}){0,160}?)\\s*=>");
    private static final Pattern PANICS = Pattern.compile("\\b(?:panic|unreachable|unimplemented|todo)\\s*!");
    private static final Pattern CATCH_ALL = Pattern.compile("(?m)^\\s*(?:_|[a-z_]\\w*)\\s*=>\\s*\\{?\\s*"
            + "(?:(?:std|core)\\s*::\\s*)?(?:panic|unreachable|unimplemented|todo)\\s*!");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.oldText() == null || !PANICS.matcher(file.oldText()).find()) {
            return out;
        }
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String was = pair.oldBody();
            String now = pair.newBody();
            if (!PANICS.matcher(now).find()) {
                continue;
            }
            String nowSqueezed = null;
            int lineStart = 0;
            int looked = 0;
            while (lineStart < was.length() && looked < 64) {
                int lineEnd = was.indexOf('\n', lineStart);
                if (lineEnd < 0) {
                    lineEnd = was.length();
                }
                String line = was.substring(lineStart, lineEnd);
                int at = lineStart;
                lineStart = lineEnd + 1;
                Matcher arm = line.length() <= 300 ? ARM.matcher(line) : null;
                if (arm == null || !arm.find() || !pair.removedAt(file, at) || arm.group(1).strip().equals("_")) {
                    continue;
                }
                looked++;
                String pattern = RuleSupport.squeezed(arm.group(1));
                if (pattern.startsWith("if") || pattern.startsWith("let") || pattern.contains("|")) {
                    continue;
                }
                int end = armEnd(was, at + arm.end());
                if (PANICS.matcher(was.substring(at + arm.end(), end)).find()) {
                    continue; // the removed arm panicked itself
                }
                Matcher all = CATCH_ALL.matcher(was).region(end, matchEnd(was, at));
                if (!all.find()) {
                    continue;
                }
                if (nowSqueezed == null) {
                    nowSqueezed = RuleSupport.squeezed(now);
                }
                String catchAll = RuleSupport.squeezed(all.group());
                if (nowSqueezed.contains(pattern + "=>") || !nowSqueezed.contains(catchAll) || rewritten(arm.group(1), now)
                        || variantStillMatched(pattern, nowSqueezed)) {
                    continue;
                }
                Matcher there = CATCH_ALL.matcher(now);
                int line0 = pair.after().line(pair.now().bodyStart());
                while (there.find()) {
                    if (RuleSupport.squeezed(there.group()).equals(catchAll)) {
                        int lead = there.group().length() - there.group().stripLeading().length();
                        line0 = pair.after().line(pair.now().bodyStart() + there.start() + lead);
                        break;
                    }
                }
                String fn = pair.now().name();
                String shown = RuleSupport.shorten(arm.group(1).strip());
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, line0, line0)
                        .object(fn).object(pattern)
                        .title("`" + shown + "` now reaches the panicking catch-all in `" + fn + "`")
                        .explanation("Before the change a match in `" + fn + "` handled `" + shown + "` in an arm of "
                                + "its own. The arm is gone, and the match ends in a catch-all that panics: a value "
                                + "that matched `" + shown + "` now takes the process down. States like this one are "
                                + "often reached only by a race (a request arriving while a client is being replaced), "
                                + "so tests rarely see it.")
                        .check("Keep an arm for `" + shown + "` (log and ignore, or return an error), or show why it "
                                + "can no longer occur here.")
                        .build());
                break;
            }
        }
        return out;
    }

    /** The end of an arm's body that starts at {@code from}: its block, or up to the next {@code ,} at depth 0. */
    private static int armEnd(String s, int from) {
        int depth = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '{' || c == '(' || c == '[') {
                depth++;
            } else if (c == '}' || c == ')' || c == ']') {
                if (--depth < 0) {
                    return i;
                }
                if (depth == 0 && c == '}' && s.substring(from, i).strip().startsWith("{")) {
                    return i + 1;
                }
            } else if (c == ',' && depth == 0) {
                return i + 1;
            }
        }
        return s.length();
    }

    /** The offset of the brace that closes the match holding the arm at {@code from}. */
    private static int matchEnd(String s, int from) {
        int depth = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '{' || c == '(' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ')' || c == ']') && --depth < 0) {
                return i;
            }
        }
        return s.length();
    }

    /**
     * Whether the new fn still has an arm for the removed pattern's variant with other fields bound: hyper-util
     * 62ceda74 reversed wrote {@code ConnStateProj::ReadVersion { read_version, .. }} as {@code
     * ConnStateProj::ReadVersion { .. }}, the same state handled by an arm that does nothing.
     */
    private static boolean variantStillMatched(String pattern, String nowSqueezed) {
        int open = pattern.length();
        for (int i = 0; i < pattern.length(); i++) {
            if (pattern.charAt(i) == '{' || pattern.charAt(i) == '(') {
                open = i;
                break;
            }
        }
        String head = pattern.substring(0, open);
        if (open == pattern.length() || WRAPPERS.contains(head) || head.isEmpty()) {
            return false;
        }
        return Pattern.compile("(?<![\\w:])" + Pattern.quote(head) + "(?:\\{[^{}]{0,160}\\}|\\([^()]{0,160}\\))=>")
                .matcher(nowSqueezed).find();
    }

    private static final Pattern WORD = Pattern.compile("[A-Za-z_]\\w*|\\d+");
    private static final java.util.Set<String> WRAPPERS = java.util.Set.of("_", "ref", "mut", "Some", "None", "Ok", "Err");

    /**
     * Whether every name and number of the removed pattern still stands in the new fn: the arm was rewritten, not
     * removed (slab b11bc6e0 wrapped {@code Entry::Occupied(ref v)} into {@code Some(&Entry::Occupied(ref v))};
     * oneshot 2ab2f7dd matched {@code MESSAGE} where it matched {@code Err(MESSAGE)}).
     */
    private static boolean rewritten(String pattern, String now) {
        Matcher w = WORD.matcher(pattern);
        int n = 0;
        while (w.find() && n++ < 16) {
            if (!WRAPPERS.contains(w.group()) && !Pattern.compile("(?<![\\w])" + Pattern.quote(w.group()) + "(?![\\w])")
                    .matcher(now).find()) {
                return false;
            }
        }
        return true;
    }
}
