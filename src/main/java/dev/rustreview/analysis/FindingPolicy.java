package dev.rustreview.analysis;

import dev.rustreview.model.Finding;
import dev.rustreview.model.Origin;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one post-processing step every rule's findings go through, per file on the worker thread: severity from
 * evidence ({@link SeverityPolicy}), origin against the merge-base (a finding whose rule, item path and code the
 * base already has, also when the change only wrapped that code in {@code unsafe} blocks, is pre-existing and at
 * most medium), and ids from rule, item path and flagged code.
 */
final class FindingPolicy {

    /** The order rules' findings had when ids still hashed titles; kept to compute those former ids. */
    private static final Comparator<Finding> LEGACY_ORDER = Comparator.comparing(Finding::severity)
            .thenComparing(Finding::path).thenComparing(Finding::side).thenComparingInt(Finding::startLine)
            .thenComparing(Finding::ruleId);
    private static final Comparator<Finding> POSITION = Comparator.comparing(Finding::side)
            .thenComparingInt(Finding::startLine).thenComparingInt(Finding::endLine).thenComparing(Finding::ruleId);

    private FindingPolicy() {
    }

    static List<Finding> apply(ChangedFile file, List<Finding> findings, List<RiskRule> rules) {
        if (findings.isEmpty()) {
            return List.of();
        }
        FindingKeys keys = new FindingKeys(file);
        Map<Finding, String> legacy = legacyIds(file.path(), keys, findings);
        List<Finding> graded = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            graded.add(SeverityPolicy.apply(file, keys, f).withIds(null, List.of(legacy.get(f))));
        }
        List<Finding> placed = origins(file, keys, graded, rules);
        return withIds(file.path(), keys, placed);
    }

    /** Marks findings whose key the base already has as pre-existing, capped at medium. */
    private static List<Finding> origins(ChangedFile file, FindingKeys keys, List<Finding> findings,
                                         List<RiskRule> rules) {
        boolean anyNew = findings.stream().anyMatch(f -> f.side() == Side.NEW);
        if (!anyNew || file.oldText() == null) {
            return findings;
        }
        // Keys start with the rule id, so only the rules with a finding on the new side can match at the base.
        java.util.Set<String> asked = new java.util.HashSet<>();
        findings.stream().filter(f -> f.side() == Side.NEW).forEach(f -> asked.add(f.ruleId()));
        Map<String, Integer> base = new HashMap<>(BaseFindings.keys(file,
                rules.stream().filter(r -> asked.contains(r.info().id())).toList()));
        if (base.isEmpty()) {
            return findings;
        }
        // Exact matches first, each using up its base finding under every key. A finding with a site key (PN1,
        // CC6) matches by code only where the site agrees too: PN1's code is the flagged line alone (the
        // `.expect("..")` of a chain), so a new chain in a fn that had another shared it with the old one (quickwit
        // 42f0c586 reversed: a new `.expect()` on an actor's send counted as the fn's existing one).
        List<Finding> sorted = findings.stream().sorted(POSITION).toList();
        java.util.Set<Finding> matched = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Finding f : sorted) {
            String key = keys.key(f);
            java.util.Optional<String> site = keys.siteKey(f);
            if (f.side() != Side.NEW || base.getOrDefault(key, 0) <= 0
                    || site.isPresent() && base.getOrDefault(site.get(), 0) <= 0) {
                continue;
            }
            base.merge(key, -1, Integer::sum);
            site.ifPresent(k -> base.merge(k, -1, Integer::sum));
            keys.unwrappedKey(f, true).ifPresent(b -> base.merge(b, -1, Integer::sum));
            matched.add(f);
        }
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : sorted) {
            String site = keys.siteKey(f).orElse(null);
            String bare = keys.unwrappedKey(f, false).orElse(null);
            boolean sameSite = site != null && base.getOrDefault(site, 0) > 0;
            boolean sameUnwrapped = bare != null && base.getOrDefault(bare, 0) > 0;
            if (matched.contains(f) || f.side() == Side.NEW && (sameSite || sameUnwrapped)) {
                if (!matched.contains(f)) {
                    base.merge(sameSite ? site : bare, -1, Integer::sum);
                }
                Finding pre = f.withOrigin(Origin.PRE_EXISTING);
                out.add(pre.severity().atLeast(Severity.HIGH) ? pre.withSeverity(Severity.MEDIUM) : pre);
            } else {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * Ids from rule, item path, normalised code and the names the finding's objects take from that code (the lock,
     * the atomic, the variable: {@link FindingKeys#codeNames}); findings identical in all of these are numbered in
     * position order. The names keep two findings of one rule on one line apart when a third appears before them.
     * The id these gave without the names and with 6 hex digits (before 2026-12-04) is kept as a former id, so
     * acknowledgements saved under it re-attach.
     */
    private static List<Finding> withIds(String path, FindingKeys keys, List<Finding> findings) {
        Map<String, Integer> seen = new HashMap<>();
        Map<String, Integer> seenWithoutNames = new HashMap<>();
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings.stream().sorted(POSITION).toList()) {
            String key = keys.key(f);
            String names = keys.codeNames(f);
            String code = keys.itemPath(f) + '\n' + keys.flaggedCode(f);
            int occurrence = seen.merge(key + '\n' + names, 1, Integer::sum) - 1;
            int withoutNames = seenWithoutNames.merge(key, 1, Integer::sum) - 1;
            String id = StableIds.finding(f.ruleId(), path, names.isEmpty() ? code : code + '\n' + names, occurrence);
            List<String> former = new ArrayList<>();
            former.add(StableIds.findingSixDigits(f.ruleId(), path, code, withoutNames));
            former.addAll(f.formerIds());
            out.add(f.withIds(id, former.stream().distinct().filter(old -> !old.equals(id)).toList()));
        }
        return out;
    }

    /** The ids the analyzer gave before ids ignored titles (rule, path, code and title), for saved reviews. */
    private static Map<Finding, String> legacyIds(String path, FindingKeys keys, List<Finding> findings) {
        Map<String, Integer> seen = new HashMap<>();
        Map<Finding, String> out = new java.util.IdentityHashMap<>();
        for (Finding f : findings.stream().sorted(LEGACY_ORDER).toList()) {
            String code = keys.flaggedCode(f);
            String key = f.ruleId() + '\n' + StableIds.fold(code) + '\n' + f.title();
            int occurrence = seen.merge(key, 1, Integer::sum) - 1;
            out.put(f, StableIds.findingSixDigits(f.ruleId(), path, code + '\n' + f.title(), occurrence));
        }
        return out;
    }
}
