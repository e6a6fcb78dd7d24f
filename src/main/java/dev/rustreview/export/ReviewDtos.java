package dev.rustreview.export;

import dev.rustreview.review.Anchor;
import dev.rustreview.review.Annotation;
import dev.rustreview.review.Decision;
import dev.rustreview.review.Review;
import dev.rustreview.review.ReviewFileFormat.AckDto;
import dev.rustreview.review.ReviewFileFormat.AnchorDto;
import dev.rustreview.review.ReviewFileFormat.AnnotationDto;
import dev.rustreview.review.ReviewFileFormat.DecisionDto;
import dev.rustreview.review.ReviewFileFormat.FileDto;
import dev.rustreview.review.ReviewFileFormat.OutdatedDto;
import dev.rustreview.review.ReviewFileFormat.ReplyDto;
import dev.rustreview.review.ReviewFileFormat.RoundDto;
import dev.rustreview.review.ReviewFileFormat;
import java.util.Comparator;

/**
 * Maps a live review to the review file's public DTOs. The review package keeps its own mapper private, and
 * exporting the very records the store reads is what makes an import give back an equal review.
 */
final class ReviewDtos {

    private ReviewDtos() {
    }

    static FileDto of(Review r) {
        return new FileDto(ReviewFileFormat.KIND, ReviewFileFormat.VERSION, r.revision(), r.id(), r.repository(),
                r.headRef(), r.baseRef(),
                r.rounds().stream().map(x -> new RoundDto(x.number(), x.headRef(), x.headCommitId(),
                        x.baseCommitId(), x.mergeBaseId(), x.at(), x.files(), x.hunks(), x.findings(),
                        r.unitsOf(x.number()).orElse(null), x.compilerCheck())).toList(),
                // Map.copyOf loses insertion order; sort so two exports of one review are byte-identical.
                r.decisions().values().stream().sorted(Comparator.comparing(Decision::hunkId))
                        .map(ReviewDtos::decision).toList(),
                r.outdatedDecisions().stream().map(o -> new OutdatedDto(decision(o.decision()), o.nowHunkId(),
                        o.sinceRound())).toList(),
                new java.util.TreeMap<>(r.changedSince()),
                r.acknowledgements().values().stream()
                        .sorted(Comparator.comparing(dev.rustreview.review.Acknowledgement::findingId))
                        .map(a -> new AckDto(a.findingId(), a.kind().name(), a.note(), a.author(), a.at(), a.round()))
                        .toList(),
                r.annotations().stream().map(ReviewDtos::annotation).toList(),
                r.viewedFiles().values().stream().map(v -> new ReviewFileFormat.ViewedDto(v.path(), v.round(),
                        v.author(), v.at(), v.fingerprint())).toList(),
                r.mutes().values().stream().sorted(Comparator.comparing(dev.rustreview.review.RuleMute::rule))
                        .map(m -> new dev.rustreview.review.ReviewFileFormat.MuteDto(m.rule(), m.scope().name(),
                                m.author(), m.at())).toList());
    }

    static DecisionDto decision(Decision d) {
        return new DecisionDto(d.hunkId(), d.state().name(), d.reason(), d.author(), d.at(), d.round(),
                d.fingerprint(), d.path(), d.items());
    }

    static AnnotationDto annotation(Annotation a) {
        Anchor x = a.anchor();
        return new AnnotationDto(a.id(), new AnchorDto(x.scope().name(), x.path(),
                x.side() == null ? null : x.side().name(), x.startLine(), x.endLine(), x.lines(), x.hunkId()),
                a.kind().name(), a.text(), a.suggestion(), a.author(), a.created(), a.updated(),
                a.replies().stream().map(p -> new ReplyDto(p.author(), p.at(), p.text())).toList(), a.resolved(),
                a.round(), a.outdatedSince());
    }
}
