package dev.rustreview.review;

import dev.rustreview.model.Finding;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which rules are muted in a review: the team's list from {@code .rust-review.json} (read at the base) and the
 * reviewer's own choices in the review file, which win (a rule the team mutes can be shown again locally).
 */
public final class RuleMutes {

    /** Nothing muted. */
    public static final RuleMutes NONE = new RuleMutes(Map.of(), Set.of());

    private final Map<String, RuleMute> local;
    private final Set<String> shared;

    private RuleMutes(Map<String, RuleMute> local, Set<String> shared) {
        this.local = Map.copyOf(local);
        this.shared = Set.copyOf(shared);
    }

    public static RuleMutes of(Map<String, RuleMute> local, Collection<String> shared) {
        return new RuleMutes(local, Set.copyOf(shared));
    }

    public boolean muted(String rule) {
        RuleMute m = local.get(rule);
        return m != null ? m.scope() != RuleMute.Scope.SHOWN : shared.contains(rule);
    }

    public boolean muted(Finding f) {
        return muted(f.ruleId());
    }

    /** Whether the repository's {@code .rust-review.json} mutes the rule (whatever the reviewer chose). */
    public boolean sharedMutes(String rule) {
        return shared.contains(rule);
    }

    /** Why the rule is muted, in words ("muted for this review"), or empty when it is shown. */
    public Optional<String> why(String rule) {
        if (!muted(rule)) {
            return Optional.empty();
        }
        RuleMute m = local.get(rule);
        if (m == null) {
            return Optional.of("muted by the repository's .rust-review.json");
        }
        return Optional.of(m.scope() == RuleMute.Scope.REPOSITORY ? "muted for the repository" : "muted for this review");
    }

    /** The muted rules, sorted. */
    public Set<String> rules() {
        Set<String> all = new TreeSet<>(shared);
        all.addAll(local.keySet());
        all.removeIf(r -> !muted(r));
        return all;
    }

    /** Muted findings per rule among {@code findings}, in rule order. */
    public Map<String, Integer> count(List<Finding> findings) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        findings.stream().filter(this::muted).map(Finding::ruleId).sorted()
                .forEach(r -> counts.merge(r, 1, Integer::sum));
        return counts;
    }
}
