package dev.rustreview.review;

import dev.rustreview.model.Side;
import dev.rustreview.review.ReviewFileFormat.AckDto;
import dev.rustreview.review.ReviewFileFormat.AnchorDto;
import dev.rustreview.review.ReviewFileFormat.AnnotationDto;
import dev.rustreview.review.ReviewFileFormat.DecisionDto;
import dev.rustreview.review.ReviewFileFormat.FileDto;
import dev.rustreview.review.ReviewFileFormat.OutdatedDto;
import dev.rustreview.review.ReviewFileFormat.ReplyDto;
import dev.rustreview.review.ReviewFileFormat.RoundDto;
import dev.rustreview.review.ReviewFileFormat.ViewedDto;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Maps a live {@link Review} to its file DTOs and back; a missing required field fails the read. */
final class ReviewCodec {

    private ReviewCodec() {
    }

    static FileDto toDto(Review r, long revision) {
        return new FileDto(ReviewFileFormat.KIND, ReviewFileFormat.VERSION, revision, r.id(), r.repository(),
                r.headRef(), r.baseRef(),
                r.rounds().stream().map(x -> new RoundDto(x.number(), x.headRef(), x.headCommitId(), x.baseCommitId(),
                        x.mergeBaseId(), x.at(), x.files(), x.hunks(), x.findings(),
                        r.unitsOf(x.number()).orElse(null), x.compilerCheck())).toList(),
                r.decisions().values().stream().map(ReviewCodec::decision).toList(),
                r.outdatedDecisions().stream().map(o -> new OutdatedDto(decision(o.decision()), o.nowHunkId(),
                        o.sinceRound())).toList(),
                r.changedSince(),
                r.acknowledgements().values().stream().map(a -> new AckDto(a.findingId(), a.kind().name(), a.note(),
                        a.author(), a.at(), a.round())).toList(),
                r.annotations().stream().map(ReviewCodec::annotation).toList(),
                r.viewedFiles().values().stream().map(v -> new ViewedDto(v.path(), v.round(), v.author(), v.at(),
                        v.fingerprint())).toList(),
                r.mutes().values().stream().map(m -> new ReviewFileFormat.MuteDto(m.rule(), m.scope().name(),
                        m.author(), m.at())).toList());
    }

    static Review fromDto(FileDto f) {
        Review r = new Review(req(f.id(), "id"), f.repository(), f.head(), f.base());
        for (RoundDto x : orEmpty(f.rounds())) {
            r.addRound(new Round(x.number(), x.headRef(), req(x.headCommit(), "round headCommit"), x.baseCommit(),
                    x.mergeBase(), x.at(), x.files(), x.hunks(), x.findings(), x.compilerCheck()));
            if (x.units() != null) {
                r.roundUnits(x.number(), x.units());
            }
        }
        orEmpty(f.decisions()).forEach(d -> r.putDecision(decision(d)));
        orEmpty(f.outdatedDecisions()).forEach(o -> r.addOutdated(new OutdatedDecision(decision(o.decision()),
                o.nowHunk(), o.sinceRound())));
        (f.changedSince() == null ? Map.<String, Integer>of() : f.changedSince()).forEach(r::markChanged);
        orEmpty(f.acknowledgements()).forEach(a -> r.putAck(new Acknowledgement(req(a.finding(), "finding"),
                Acknowledgement.Kind.valueOf(a.kind()), a.note(), a.author(), a.at(), a.round())));
        orEmpty(f.annotations()).forEach(a -> r.putAnnotation(annotation(a)));
        orEmpty(f.viewedFiles()).forEach(v -> r.putViewed(new ViewedFile(req(v.path(), "viewed path"), v.round(),
                v.author(), v.at(), v.units())));
        orEmpty(f.mutes()).forEach(m -> r.putMute(new RuleMute(req(m.rule(), "mute rule"),
                RuleMute.Scope.valueOf(req(m.scope(), "mute scope")), m.author(), m.at())));
        r.savedAs(f.revision());
        // Format 1 decided git's hunks; the session cuts those decisions into units when it opens the review.
        r.hunkLevel(f.formatVersion() < 2);
        return r;
    }

    private static DecisionDto decision(Decision d) {
        return new DecisionDto(d.hunkId(), d.state().name(), d.reason(), d.author(), d.at(), d.round(),
                d.fingerprint(), d.path(), d.items());
    }

    private static Decision decision(DecisionDto d) {
        return new Decision(req(d.hunk(), "hunk"), DecisionState.valueOf(d.state()), d.reason(), d.author(), d.at(),
                d.round(), d.fingerprint(), d.path(), orEmpty(d.items()));
    }

    private static AnnotationDto annotation(Annotation a) {
        Anchor x = a.anchor();
        return new AnnotationDto(a.id(), new AnchorDto(x.scope().name(), x.path(),
                x.side() == null ? null : x.side().name(), x.startLine(), x.endLine(), x.lines(), x.hunkId()),
                a.kind().name(), a.text(), a.suggestion(), a.author(), a.created(), a.updated(),
                a.replies().stream().map(p -> new ReplyDto(p.author(), p.at(), p.text())).toList(), a.resolved(),
                a.round(), a.outdatedSince());
    }

    private static Annotation annotation(AnnotationDto a) {
        AnchorDto x = req(a.anchor(), "anchor");
        Anchor anchor = new Anchor(Anchor.Scope.valueOf(x.scope()), x.path(),
                x.side() == null ? null : Side.valueOf(x.side()), x.startLine(), x.endLine(), orEmpty(x.lines()), x.hunk());
        return new Annotation(req(a.id(), "annotation id"), anchor, AnnotationKind.valueOf(a.kind()),
                req(a.text(), "text"), a.suggestion(), a.author(), a.created(), a.updated(),
                orEmpty(a.replies()).stream().map(p -> new Reply(p.author(), p.at(), p.text())).toList(),
                a.resolved(), a.round(), a.outdatedSince());
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static <T> T req(T value, String field) {
        return Objects.requireNonNull(value, () -> "missing " + field);
    }
}
