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
 * PN17: a {@code ?} that leaves a state machine in its poisoned placeholder. The fn takes its state out with
 * {@code match mem::replace(&mut self.state, State::Poisoned)}, each arm writes the next state back, and the
 * placeholder's own arm panics ({@code State::Poisoned => unreachable!()}). A {@code ?} the change adds to an arm
 * before the arm writes the state back returns the error and leaves {@code Poisoned} behind: the next call panics.
 * yamux cf071c8 reversed, where {@code poll_close} on a failing close poisoned the connection.
 */
public final class TakenStateLeftOnError implements RiskRule {

    private static final RuleInfo INFO = RuleInfo.of("PN17", RiskArea.PANICS, Severity.MEDIUM,
            "`?` leaves a taken state poisoned",
            "In a non-test fn, a line the change adds puts a `?` in an arm of `match mem::replace(&mut self.f, P)` "
                    + "before that arm assigns `self.f` again, where the same `match` has an arm for the placeholder "
                    + "`P` that panics (`P => unreachable!()`): on an error the fn returns with `self.f` left as `P`, "
                    + "and the next call panics.",
            "It reads the arm as text up to the `?`: a state written back through a helper (`self.set_state(..)`) "
                    + "is not seen, and a `?` in a closure inside the arm is counted.");

    /** {@code match std::mem::replace(&mut self.state, State::Poisoned) {}: groups 1 (the field) and 2 (placeholder). */
    private static final Pattern TAKEN = Pattern.compile("\\bmatch\\s+(?:(?:std|core)\\s*::\\s*)?(?:mem\\s*::\\s*)?"
            + "replace\\s*\\(\\s*&\\s*mut\\s+(self(?:\\s*\\.\\s*\\w+){1,4})\\s*,\\s*([A-Za-z_][\\w:]{0,120})\\s*\\)\\s*\\{");
    private static final Pattern TRY = Pattern.compile("(?<=[\\w)\\]])\\s*\\?(?!\\s*Sized)");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String body = pair.newBody();
            Matcher m = TAKEN.matcher(body);
            while (m.find()) {
                int open = m.end() - 1;
                int close = RuleSupport.closing(body, open, '{', '}');
                String field = m.group(1).replaceAll("\\s+", "");
                String placeholder = m.group(2);
                if (poisonArm(body.substring(open, close), placeholder)) {
                    leftPoisoned(file, pair, open, close, field, placeholder, out);
                }
            }
        }
        return out;
    }

    /** The placeholder's own arm panics: the state is never meant to be seen in it. */
    private static boolean poisonArm(String block, String placeholder) {
        return Pattern.compile("(?<![\\w:])" + Pattern.quote(placeholder) + "\\s*(?:\\{\\s*\\.\\.\\s*\\}|\\(\\s*\\.\\.\\s*\\))?"
                + "\\s*=>\\s*\\{?\\s*(?:unreachable|panic|unimplemented)\\s*!").matcher(block).find();
    }

    /** The first added {@code ?} of an arm that has not yet written the field back. */
    private static void leftPoisoned(ChangedFile file, ItemOutline.FnPair pair, int open, int close, String field,
            String placeholder, List<Finding> out) {
        String body = pair.newBody();
        Pattern restore = Pattern.compile(RuleSupport.spacedPath(field) + "\\s*=(?!=)");
        Matcher t = TRY.matcher(body).region(open + 1, close);
        while (t.find()) {
            int line = pair.after().line(pair.now().bodyStart() + t.start());
            int arm = armStart(body, open, t.start());
            if (arm < 0 || !file.added(line) || restore.matcher(body.substring(arm, t.start())).find()) {
                continue;
            }
            String fn = pair.now().name();
            out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                    .object("`" + fn + "`").object("`?` with `" + field + "` taken")
                    .title("`?` in `" + fn + "` returns with `" + field + "` left as `"
                            + RuleSupport.shorten(placeholder) + "`")
                    .explanation("`" + fn + "` takes `" + field + "` out with `mem::replace(.., " + placeholder
                            + ")` and each arm puts the next state back; the `" + placeholder + "` arm panics because "
                            + "the state should never be seen in it. This `?` returns the error before the arm writes "
                            + "`" + field + "` back, so the value stays `" + placeholder + "` and the next call to `" + fn
                            + "` (a retry, a close, a drop) panics.")
                    .check("Match the error explicitly, put a valid state back (`" + field + " = ..`) and then "
                            + "return the error.")
                    .build());
            return;
        }
    }

    /** The offset after the {@code =>} that starts the match arm holding {@code at}, or -1 inside a nested block. */
    private static int armStart(String body, int open, int at) {
        int depth = 0;
        int arm = -1;
        for (int i = open + 1; i < at; i++) {
            char c = body.charAt(i);
            if (c == '{' || c == '(' || c == '[') {
                depth++;
            } else if (c == '}' || c == ')' || c == ']') {
                depth--;
            } else if (depth == 0 && c == '=' && i + 1 < at && body.charAt(i + 1) == '>') {
                arm = i + 2;
            }
        }
        return arm;
    }
}
