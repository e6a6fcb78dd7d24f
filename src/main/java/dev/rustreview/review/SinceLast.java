package dev.rustreview.review;

import dev.rustreview.git.DiffOptions;
import dev.rustreview.git.GitRepository;
import dev.rustreview.model.BadInputException;
import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.Commit;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.Hunk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes "changes since my last review". Diffing the two heads directly would show everything the rebase
 * brought in from the base; comparing the two branch diffs (each from its own merge-base) hunk by hunk leaves
 * only what the agent changed. Commits are paired by patch content first, then by subject.
 */
public final class SinceLast {

    private SinceLast() {
    }

    /** Between the last two rounds of {@code review}. */
    public static SinceLastReview compute(GitRepository git, Review review) {
        List<Round> rounds = review.rounds();
        if (rounds.size() < 2) {
            throw new BadInputException("review " + review.id() + " has only " + rounds.size()
                    + " round(s): there is nothing since the last review yet");
        }
        return compute(git, rounds.get(rounds.size() - 2), rounds.get(rounds.size() - 1));
    }

    public static SinceLastReview compute(GitRepository git, Round from, Round to) {
        // Compared unit by unit, so a rewritten function does not drag its untouched neighbours into the interdiff.
        ChangeSet older = ReviewUnits.split(git.between(from.mergeBaseId(), from.headCommitId(), DiffOptions.DEFAULT),
                git.sources(DiffOptions.DEFAULT));
        ChangeSet newer = ReviewUnits.split(git.between(to.mergeBaseId(), to.headCommitId(), DiffOptions.DEFAULT),
                git.sources(DiffOptions.DEFAULT));
        return new SinceLastReview(from, to, interdiff(older, newer), rangeDiff(git, older.commits(), newer.commits()));
    }

    static List<SinceLastReview.FileInterdiff> interdiff(ChangeSet older, ChangeSet newer) {
        Map<String, List<Hunk>> before = byPath(older);
        Map<String, List<Hunk>> after = byPath(newer);
        Set<String> paths = new LinkedHashSet<>(after.keySet());
        paths.addAll(before.keySet());
        List<SinceLastReview.FileInterdiff> files = new ArrayList<>();
        for (String path : paths) {
            List<Hunk> old = before.getOrDefault(path, List.of());
            List<Hunk> now = after.getOrDefault(path, List.of());
            List<Hunk> added = onlyIn(now, old);
            List<Hunk> dropped = onlyIn(old, now);
            if (!added.isEmpty() || !dropped.isEmpty()) {
                files.add(new SinceLastReview.FileInterdiff(path, added, dropped, lineDiff(dropped, added)));
            }
        }
        return files;
    }

    /** Beyond this many line pairs the quadratic line diff is skipped and whole hunks are shown instead. */
    private static final long LINE_DIFF_LIMIT = 4_000_000;

    private static List<HunkInterdiff.Line> lineDiff(List<Hunk> before, List<Hunk> now) {
        List<String> a = newSide(before);
        List<String> b = newSide(now);
        if ((long) a.size() * b.size() > LINE_DIFF_LIMIT) {
            return List.of();
        }
        return HunkInterdiff.diff(a, b);
    }

    private static List<String> newSide(List<Hunk> hunks) {
        List<String> lines = new ArrayList<>();
        for (Hunk h : hunks) {
            SideText.of(h, dev.rustreview.model.Side.NEW).forEach(l -> lines.add(l.text()));
        }
        return lines;
    }

    private static List<SinceLastReview.CommitPair> rangeDiff(GitRepository git, List<Commit> older, List<Commit> newer) {
        Map<String, String> patch = new HashMap<>();
        for (Commit c : older) {
            patch.put(c.id(), patchId(git, c));
        }
        for (Commit c : newer) {
            patch.put(c.id(), patchId(git, c));
        }
        List<SinceLastReview.CommitPair> pairs = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (Commit n : newer) {
            Commit same = older.stream().filter(o -> !used.contains(o.id()) && patch.get(o.id()).equals(patch.get(n.id())))
                    .findFirst().orElse(null);
            Commit bySubject = same != null ? null : older.stream()
                    .filter(o -> !used.contains(o.id()) && o.subject().equals(n.subject())).findFirst().orElse(null);
            Commit match = same != null ? same : bySubject;
            if (match != null) {
                used.add(match.id());
            }
            pairs.add(new SinceLastReview.CommitPair(match, n, same != null ? SinceLastReview.Match.SAME
                    : bySubject != null ? SinceLastReview.Match.CHANGED : SinceLastReview.Match.ADDED));
        }
        for (Commit o : older) {
            if (!used.contains(o.id())) {
                pairs.add(new SinceLastReview.CommitPair(o, null, SinceLastReview.Match.DROPPED));
            }
        }
        return pairs;
    }

    /** Like {@code git patch-id}: the commit's change without line numbers or ids, so a rebase keeps it. */
    private static String patchId(GitRepository git, Commit c) {
        StringBuilder key = new StringBuilder();
        for (FileChange f : git.commitDiff(c.id(), DiffOptions.DEFAULT).files()) {
            key.append(f.path()).append('\n');
            f.hunks().forEach(h -> key.append(Fingerprints.of(h)).append('\n'));
        }
        return Fingerprints.hex(key.toString());
    }

    private static Map<String, List<Hunk>> byPath(ChangeSet cs) {
        Map<String, List<Hunk>> map = new LinkedHashMap<>();
        for (FileChange f : cs.files()) {
            map.computeIfAbsent(f.path(), p -> new ArrayList<>()).addAll(f.hunks());
        }
        return map;
    }

    /** Hunks of {@code a} whose content (not position) no hunk of {@code b} has; duplicates count. */
    private static List<Hunk> onlyIn(List<Hunk> a, List<Hunk> b) {
        Map<String, Integer> remaining = new HashMap<>();
        b.forEach(h -> remaining.merge(Fingerprints.of(h), 1, Integer::sum));
        List<Hunk> out = new ArrayList<>();
        for (Hunk h : a) {
            String fp = Fingerprints.of(h);
            if (remaining.getOrDefault(fp, 0) > 0) {
                remaining.merge(fp, -1, Integer::sum);
            } else {
                out.add(h);
            }
        }
        return out;
    }
}
