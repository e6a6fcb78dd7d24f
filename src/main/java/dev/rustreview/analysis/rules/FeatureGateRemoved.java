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
 * BD5: {@code #[cfg(feature = "x")]} deleted in front of code that stays and names the crate {@code x::}. An
 * optional dependency is a feature of the same name: the code now compiles in every build, and a build without the
 * feature has no crate {@code x} and fails. lunatic 54c43737 reversed: the timer API called
 * {@code metrics::increment_counter!} without the gate, and the crate stopped building with {@code metrics} off.
 */
public final class FeatureGateRemoved implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("BD5", RiskArea.BUILD, Severity.MEDIUM, "feature gate removed from code using the feature's crate",
            "In a Rust file that stays, the change deletes a `#[cfg(feature = \"x\")]` line, the line after it stays "
                    + "and names `x::` (the feature's name with `-` read as `_`: an optional dependency's crate), and "
                    + "no line the change adds names the feature again.",
            "It reads the file's text, not Cargo.toml: a dependency that became required (the gate is then a "
                    + "clean-up) is reported too, and a gate moved to the enclosing item or module is not told apart.");

    private static final Pattern GATE = Pattern.compile("^\\s*#\\s*\\[\\s*cfg\\s*\\(\\s*feature\\s*=\\s*\"([\\w-]+)\"\\s*\\)\\s*]\\s*$");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (!file.isRust() || file.oldText() == null || file.newText() == null || !file.oldText().contains("feature")
                || file.isTestPath()) {
            return out;
        }
        String[] old = file.oldText().split("\n", -1);
        java.util.Set<String> reported = new java.util.HashSet<>();
        for (int i = 0; i + 1 < old.length && out.size() < 8; i++) {
            if (!file.removed(i + 1) || file.removed(i + 2)) {
                continue;
            }
            Matcher gate = GATE.matcher(old[i]);
            if (!gate.matches()) {
                continue;
            }
            String feature = gate.group(1);
            String crate = feature.replace('-', '_');
            if (!Pattern.compile("(?<![\\w:])" + Pattern.quote(crate) + "\\s*::").matcher(old[i + 1]).find()
                    || namedAgain(file, feature) || !reported.add(feature)) {
                continue;
            }
            out.add(FindingBuilder.lines(INFO, file, Side.OLD, i + 1, i + 1)
                    .object(feature)
                    .title("`" + crate + "::` used without the `" + feature + "` feature gate the change removed")
                    .explanation("Before the change `" + RuleSupport.shorten(old[i + 1].strip()) + "` was compiled only "
                            + "with the `" + feature + "` feature, and `" + crate + "` is most likely the optional "
                            + "dependency behind it. Now it is compiled in every build: a build without the feature "
                            + "(`--no-default-features`, a user who turned it off) has no crate `" + crate + "` and "
                            + "fails to compile, and CI rarely builds every feature set.")
                    .check("Keep the gate, or make the dependency required in Cargo.toml; run `cargo check "
                            + "--no-default-features` (or `cargo hack --each-feature check`).")
                    .build());
        }
        return out;
    }

    /** Whether a line the change adds names the feature (the gate rewritten or moved, not removed). */
    private static boolean namedAgain(ChangedFile file, String feature) {
        String[] now = file.newText().split("\n", -1);
        Pattern named = Pattern.compile("feature\\s*=\\s*\"" + Pattern.quote(feature) + "\"");
        for (int i = 0; i < now.length; i++) {
            if (file.added(i + 1) && named.matcher(now[i]).find()) {
                return true;
            }
        }
        return false;
    }
}
