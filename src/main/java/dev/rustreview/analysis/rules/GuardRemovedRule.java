package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Side;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A risky statement taken out of the condition that guarded it ({@link Unguarded}): the rules differ in what is
 * risky (unsafe code, a panic, an await) and in what they say about it.
 */
abstract class GuardRemovedRule implements RiskRule {

    /** The statements this rule watches. */
    abstract Pattern risky();

    abstract String title(Unguarded.Site site, String condition);

    abstract String explanation(Unguarded.Site site, String condition);

    abstract String check(Unguarded.Site site, String condition);

    /** Whether a site the pattern found is one this rule reports; all of them unless a rule narrows it. */
    boolean reports(Unguarded.Site site) {
        return true;
    }

    @Override
    public final List<Finding> check(ChangedFile file) {
        return Unguarded.sites(file, risky()).stream().filter(this::reports).map(site -> {
            String condition = shortCondition(site);
            return FindingBuilder.lines(info(), file, Side.NEW, site.line(), site.line())
                    .object(site.fn().name()).object(info().id() + " unguarded")
                    .title(title(site, condition))
                    .explanation(explanation(site, condition))
                    .check(check(site, condition))
                    .build();
        }).toList();
    }

    /** The removed condition on one line, shortened, without a leading closing brace. */
    static String shortCondition(Unguarded.Site site) {
        return RuleSupport.shorten(site.condition().replaceAll("\\s+", " ").replaceAll("^\\}\\s*", ""));
    }
}
