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
                    + "no line the change adds names the feature again; or it deletes `#[cfg(flag)]` (a configuration "
                    + "flag such as `unix` or `esp_idf_lwip_ipv4`, not `test`, `doc` or `debug_assertions`) from two or "
                    + "more items that stay, no added line names the flag, and no other `cfg` attribute is added beside the "
                    + "removed one (a gate swapped, not removed).",
            "It reads the file's text, not Cargo.toml: a dependency that became required (the gate is then a "
                    + "clean-up) is reported too, and a gate moved to the enclosing item or module is not told apart.");

    /** {@code #[cfg(esp_idf_lwip_ipv4)]}: a configuration flag (group 1), not a feature. */
    private static final Pattern FLAG = Pattern.compile("^\\s*#\\s*\\[\\s*cfg\\s*\\(\\s*([a-z_][a-z0-9_]*)\\s*\\)\\s*]\\s*$");
    /** Flags whose removal changes what is tested or documented, not what builds. */
    private static final java.util.Set<String> NEUTRAL_FLAGS = java.util.Set.of("test", "debug_assertions", "doc",
            "docsrs", "miri", "loom", "fuzzing", "coverage", "tarpaulin", "kani");
    private static final Pattern GATE = Pattern.compile("^\\s*#\\s*\\[\\s*cfg\\s*\\(\\s*feature\\s*=\\s*\"([\\w-]+)\"\\s*\\)\\s*]\\s*$");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (!file.isRust() || file.oldText() == null || file.newText() == null || !file.oldText().contains("cfg")
                || file.isTestPath()) {
            return out;
        }
        String[] old = file.oldText().split("\n", -1);
        java.util.Set<String> reported = new java.util.HashSet<>();
        java.util.Map<String, List<Integer>> flags = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < old.length && out.size() < 8; i++) {
            if (!file.removed(i + 1) || file.removed(i + 2)) {
                continue;
            }
            Matcher flag = FLAG.matcher(old[i]);
            if (flag.matches() && !NEUTRAL_FLAGS.contains(flag.group(1))) {
                if (!regated(file).contains(i + 1)) {
                    flags.computeIfAbsent(flag.group(1), k -> new ArrayList<>()).add(i);
                }
                continue;
            }
            Matcher gate = GATE.matcher(old[i]);
            if (!gate.matches()) {
                continue;
            }
            String feature = gate.group(1);
            String crate = feature.replace('-', '_');
            if (!Pattern.compile("(?<![\\w:])" + Pattern.quote(crate) + "\\s*::").matcher(old[i + 1]).find()
                    || !reported.add(feature) || namedAgain(added(file), feature)) {
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
        for (java.util.Map.Entry<String, List<Integer>> e : flags.entrySet()) {
            if (e.getValue().size() < 2 || out.size() >= 8 || namedAgain(added(file), e.getKey())) {
                continue; // one gate dropped is often a clean-up; several are a configuration no longer built for
            }
            int at = e.getValue().get(0);
            out.add(FindingBuilder.lines(INFO, file, Side.OLD, at + 1, at + 1)
                    .object("cfg " + e.getKey())
                    .title(e.getValue().size() + " items no longer gated by `cfg(" + e.getKey() + ")`")
                    .explanation("The change deletes `#[cfg(" + e.getKey() + ")]` from " + e.getValue().size()
                            + " items that stay (the first: `" + RuleSupport.shorten(old[at + 1].strip()) + "`). They "
                            + "now compile in every configuration, also where `" + e.getKey() + "` is off: what they "
                            + "name (a platform API, a type or constant of an optional component) may not exist "
                            + "there, and the build breaks for those users, which CI rarely builds.")
                    .check("Keep the gates, or build once with `" + e.getKey() + "` off to show the items compile there.")
                    .build());
        }
        return out;
    }

    /**
     * Old lines of removed {@code #[cfg(..)]} attributes that have an added {@code #[cfg(..)]} attribute within
     * {@link #NEAR} lines of the same hunk: the item's gate was swapped for another (flume de20ddf54 traded
     * {@code cfg(windows)} for {@code cfg(feature = "spin")} on the lines beside them), not removed.
     */
    private static java.util.Set<Integer> regated(ChangedFile file) {
        return file.derived(Regated.class, Regated.class, f -> {
            java.util.Set<Integer> out = new java.util.HashSet<>();
            for (dev.rustreview.model.Hunk h : f.change().hunks()) {
                List<dev.rustreview.model.DiffLine> lines = h.lines();
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).isRemoved() && CFG.matcher(lines.get(i).text()).find()) {
                        for (int j = Math.max(0, i - NEAR); j <= Math.min(lines.size() - 1, i + NEAR); j++) {
                            if (lines.get(j).isAdded() && CFG.matcher(lines.get(j).text()).find()) {
                                out.add(lines.get(i).oldLine());
                                break;
                            }
                        }
                    }
                }
            }
            return new Regated(out);
        }).lines();
    }

    /** How many diff lines apart a removed and an added gate may be to read as one item's gate swapped. */
    private static final int NEAR = 3;
    private static final Pattern CFG = Pattern.compile("^\\s*#\\s*\\[\\s*cfg\\s*\\(");

    private record Regated(java.util.Set<Integer> lines) {
    }

    /** Whether a line the change adds names the feature or flag (the gate rewritten or moved, not removed). */
    private static boolean namedAgain(String added, String feature) {
        return Pattern.compile("feature\\s*=\\s*\"" + Pattern.quote(feature) + "\"|\\bcfg\\s*!?\\s*\\([^\\n]*\\b"
                + Pattern.quote(feature) + "\\b").matcher(added).find();
    }

    /** The lines the change adds to the file, joined: read once however many gates ask. */
    private static String added(ChangedFile file) {
        return file.derived(FeatureGateRemoved.class, String.class, f -> {
            String[] now = f.newText().split("\n", -1);
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < now.length; i++) {
                if (f.added(i + 1)) {
                    out.append(now[i]).append('\n');
                }
            }
            return out.toString();
        });
    }
}
