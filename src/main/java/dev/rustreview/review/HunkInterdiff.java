package dev.rustreview.review;

import dev.rustreview.git.DiffOptions;
import dev.rustreview.git.GitRepository;
import dev.rustreview.model.BadInputException;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.Hunk;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How a hunk that went back to unreviewed differs from the version the reviewer decided: the new-side text of
 * the earlier hunk against that of the current one, line by line, so only the agent's rewrite needs a second look.
 *
 * @param sinceRound the round whose decision no longer fits
 */
public record HunkInterdiff(String hunkId, int sinceRound, Hunk before, Hunk after, List<Line> lines) {

    public HunkInterdiff {
        lines = List.copyOf(lines);
    }

    /** One line of the interdiff: {@code ' '} in both versions, {@code '-'} only before, {@code '+'} only now. */
    public record Line(char kind, String text) {
    }

    /** The interdiff of current hunk {@code hunkId} against the latest decided version of it. */
    public static HunkInterdiff of(GitRepository git, Review review, HunkIndex index, String hunkId) {
        HunkIndex.Entry now = index.entry(hunkId).orElseThrow(() -> new BadInputException(
                "no hunk '" + hunkId + "' in the current round: 'rust-review review status' lists them"));
        Earlier earlier = earlier(review, hunkId).orElseThrow(() -> new BadInputException("hunk " + hunkId
                + " has no earlier decided or annotated version: there is nothing to compare it with"));
        return of(git, earlier, now);
    }

    /**
     * Where the version the reviewer last decided (or annotated) of unit {@code hunkId} is: read on the thread that
     * owns the review, so the git work of {@link #of(GitRepository, Earlier, HunkIndex.Entry)} can run elsewhere.
     */
    public static java.util.Optional<Earlier> earlier(Review review, String hunkId) {
        Earlier earlier = fromDecision(review, hunkId);
        if (earlier == null) {
            earlier = fromAnnotation(review, hunkId);
        }
        if (earlier == null) {
            return java.util.Optional.empty();
        }
        Round round = review.rounds().get(earlier.round() - 1);
        return java.util.Optional.of(new Earlier(earlier.round(), earlier.path(), earlier.matches(), round));
    }

    /** The interdiff of unit {@code now} against its earlier version; reads git, so call it off the FX thread. */
    public static HunkInterdiff of(GitRepository git, Earlier e, HunkIndex.Entry now) {
        String hunkId = now.id();
        Round round = e.at();
        // The version decided then was a review unit: cut that round's diff the same way to find it.
        Hunk before = ReviewUnits.split(git.between(round.mergeBaseId(), round.headCommitId(), DiffOptions.DEFAULT),
                        git.sources(DiffOptions.DEFAULT)).files().stream()
                .filter(f -> f.path().equals(e.path())).map(FileChange::hunks).flatMap(List::stream)
                .filter(e.matches()).findFirst()
                .orElseThrow(() -> new BadInputException("the version of hunk " + hunkId + " seen in round "
                        + e.round() + " is no longer in the repository (garbage-collected?)"));
        return new HunkInterdiff(hunkId, e.round(), before, now.hunk(), diff(text(before), text(now.hunk())));
    }

    /** Where to look for the earlier version (round {@code at}, file {@code path}), and how to recognise it there. */
    public record Earlier(int round, String path, java.util.function.Predicate<Hunk> matches, Round at) {
    }

    private static Earlier fromDecision(Review review, String hunkId) {
        return review.outdatedDecisions().stream().filter(o -> hunkId.equals(o.nowHunkId()))
                .max(Comparator.comparingInt(o -> o.decision().round()))
                .map(o -> new Earlier(o.decision().round(), o.decision().path(),
                        h -> Fingerprints.of(h).equals(o.decision().fingerprint()), null))
                .orElse(null);
    }

    private static Earlier fromAnnotation(Review review, String hunkId) {
        return review.annotations().stream().filter(a -> a.outdated() && hunkId.equals(a.anchor().hunkId()))
                .max(Comparator.comparingInt(Annotation::round))
                .map(a -> new Earlier(a.round(), a.anchor().path(),
                        h -> SideText.find(h, a.anchor().side(), a.anchor().lines()) > 0, null))
                .orElse(null);
    }

    private static List<String> text(Hunk h) {
        return SideText.of(h, Side.NEW).stream().map(SideText.Line::text).toList();
    }

    /** A plain longest-common-subsequence diff; hunks are small enough for the quadratic table. */
    static List<Line> diff(List<String> a, List<String> b) {
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Line> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                out.add(new Line(' ', a.get(i++)));
                j++;
            } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
                out.add(new Line('+', b.get(j++)));
            } else {
                out.add(new Line('-', a.get(i++)));
            }
        }
        return out;
    }
}
