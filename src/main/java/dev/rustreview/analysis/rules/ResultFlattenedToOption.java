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
 * ER23: a fn that returned {@code Result} now returns {@code Option} and drops the error with {@code .ok()}. The
 * caller that propagated a malformed key file now sees {@code None} and carries on as if there were none. kube
 * 21b0f61a reversed: a kubeconfig with an unreadable client certificate connected without a client identity.
 */
public final class ResultFlattenedToOption implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("ER23", RiskArea.ERRORS, Severity.MEDIUM, "Result flattened to Option",
            "A non-test fn whose return type was a `Result` (any alias ending in `Result`) returns an `Option` after "
                    + "the change, and a line the change adds to it calls `.ok()` (not followed by `?`): the errors it "
                    + "reported become `None`.",
            "It reads the fn's signature and its added lines: an error logged before `.ok()`, or a `None` the callers "
                    + "treat as a failure, is not told apart.");

    private static final Pattern RESULT = Pattern.compile("->\\s*(?:[\\w:]*::)?\\w*Result\\b");
    private static final Pattern OPTION = Pattern.compile("->\\s*(?:[\\w:]*::)?Option\\s*<");
    private static final Pattern OK = Pattern.compile("\\.\\s*ok\\s*\\(\\s*\\)(?!\\s*\\?)");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String was = ItemOutline.plain(pair.was().header());
            String now = ItemOutline.plain(pair.now().header());
            if (!RESULT.matcher(was).find() || !OPTION.matcher(now).find() || RESULT.matcher(now).find()) {
                continue;
            }
            String masked = pair.after().masked();
            Matcher m = OK.matcher(masked).region(pair.now().bodyStart(), pair.now().bodyEnd());
            while (m.find()) {
                int line = pair.after().line(m.start());
                if (file.added(line)) {
                    String fn = pair.now().name();
                    out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                            .object(fn).object("result to option")
                            .title("`" + fn + "` now returns `Option` and drops its errors with `.ok()`")
                            .explanation("Before the change `" + fn + "` returned a `Result`, so a failure reached "
                                    + "its callers. Now `.ok()` turns every error into `None`: a caller cannot tell "
                                    + "\"there is none\" from \"it could not be read\", and goes on without it.")
                            .check("Keep returning the error (`Result<Option<..>, E>`), or log it and say why "
                                    + "`None` is the right answer for every failure.")
                            .build());
                    break;
                }
            }
        }
        return out;
    }
}
