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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BD3: a feature taken out of a {@code #[cfg(any(..))]} that stays. The item it gates now exists for fewer feature
 * sets: a build that enables only the removed feature, and uses the item, stops compiling, and CI rarely builds
 * every feature on its own. diesel 14e3894d reversed: {@code std_compat::Entry} vanished for third-party backends.
 */
public final class CfgNarrowed implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("BD3", RiskArea.BUILD, Severity.MEDIUM, "feature removed from a cfg list",
            "In a Rust file that stays, the change deletes `feature = \"x\"` from a `cfg(any(..))` attribute that "
                    + "stays (a line of a multi-line list, or a one-line attribute replaced by one that names fewer "
                    + "features), and no line it adds to the file names that feature again.",
            "It reads the attribute's text: it does not know whether the feature is gone from the crate altogether "
                    + "(then the narrowing is a clean-up) or which items use the gated one.");

    private static final Pattern FEATURE = Pattern.compile("\\bfeature\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern ENTRY = Pattern.compile("^\\s*feature\\s*=\\s*\"([^\"]+)\"\\s*,?\\s*$");
    private static final Pattern ANY = Pattern.compile("\\bcfg(?:_attr)?\\s*\\(\\s*any\\s*\\(");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (!file.isRust() || file.oldText() == null || file.newText() == null || !file.oldText().contains("feature")) {
            return out;
        }
        String[] old = file.oldText().split("\n", -1);
        String[] now = file.newText().split("\n", -1);
        Set<String> addedFeatures = new LinkedHashSet<>();
        for (int i = 0; i < now.length; i++) {
            if (file.added(i + 1)) {
                Matcher f = FEATURE.matcher(now[i]);
                while (f.find()) {
                    addedFeatures.add(f.group(1));
                }
            }
        }
        for (int i = 0; i < old.length && out.size() < 8; i++) {
            if (!file.removed(i + 1)) {
                continue;
            }
            Matcher entry = ENTRY.matcher(old[i]);
            if (entry.matches() && !addedFeatures.contains(entry.group(1)) && listStays(file, old, i)) {
                out.add(finding(file, i + 1, entry.group(1)));
            } else if (ANY.matcher(old[i]).find() && old[i].strip().startsWith("#")) {
                Set<String> was = features(old[i]);
                Set<String> kept = replacement(file, now, addedFeatures, i);
                if (kept != null && !kept.isEmpty()) {
                    was.removeAll(kept);
                    was.removeAll(addedFeatures);
                    if (!was.isEmpty()) {
                        out.add(finding(file, i + 1, was.iterator().next()));
                    }
                }
            }
        }
        return out;
    }

    /** Whether the multi-line {@code cfg(any(} holding old line {@code i} opens on a line the change keeps. */
    private static boolean listStays(ChangedFile file, String[] old, int i) {
        for (int j = i - 1; j >= Math.max(0, i - 12); j--) {
            if (ANY.matcher(old[j]).find()) {
                return !file.removed(j + 1);
            }
            if (!ENTRY.matcher(old[j]).matches() && !old[j].strip().startsWith("all(") && !old[j].isBlank()) {
                return false;
            }
        }
        return false;
    }

    /**
     * The features of the one-line cfg attribute the change adds near where old line {@code i} was (the replacement
     * of a removed one-line attribute), or null when none is added there.
     */
    private static Set<String> replacement(ChangedFile file, String[] now, Set<String> addedFeatures, int i) {
        for (int j = Math.max(0, i - 3); j < Math.min(now.length, i + 4); j++) {
            String line = now[j].strip();
            if (file.added(j + 1) && line.startsWith("#") && line.contains("cfg") && FEATURE.matcher(line).find()) {
                return features(line);
            }
        }
        return null;
    }

    private static Set<String> features(String line) {
        Set<String> out = new LinkedHashSet<>();
        Matcher f = FEATURE.matcher(line);
        while (f.find()) {
            out.add(f.group(1));
        }
        return out;
    }

    private static Finding finding(ChangedFile file, int oldLine, String feature) {
        return FindingBuilder.lines(INFO, file, Side.OLD, oldLine, oldLine)
                .object(feature)
                .title("feature `" + feature + "` removed from a `cfg(any(..))`")
                .explanation("The change deletes `feature = \"" + feature + "\"` from a `cfg(any(..))` that stays, so "
                        + "the item under it is no longer compiled when only `" + feature + "` is enabled. Code "
                        + "built with that feature and not the others, which CI rarely tries, stops compiling if it "
                        + "uses the item.")
                .check("Check whether `" + feature + "` is still a feature of the crate and whether anything built "
                        + "with it alone uses the gated item (`cargo check --no-default-features --features "
                        + feature + "`).")
                .build();
    }
}
