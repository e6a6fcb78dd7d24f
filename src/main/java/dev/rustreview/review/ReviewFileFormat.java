package dev.rustreview.review;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The on-disk JSON of a review, version {@value #VERSION}: plain Jackson DTOs kept apart from the live model
 * so the model can change without breaking files. {@code revision} counts saves and catches concurrent writers.
 */
public final class ReviewFileFormat {

    /**
     * The format this build writes and the newest it reads. 2: decisions are on review units (items cut out of
     * git's hunks); files of format 1 decided whole hunks and are migrated when opened ({@code UnitMigration}).
     */
    public static final int VERSION = 2;
    /** Marks the file as ours, so an unrelated JSON file is not mistaken for a review. */
    public static final String KIND = "rust-review/review";

    private ReviewFileFormat() {
    }

    /** The whole file. */
    public record FileDto(String kind, int formatVersion, long revision, String id, String repository, String head,
                          String base, List<RoundDto> rounds, List<DecisionDto> decisions,
                          List<OutdatedDto> outdatedDecisions, Map<String, Integer> changedSince,
                          List<AckDto> acknowledgements, List<AnnotationDto> annotations,
                          List<ViewedDto> viewedFiles, List<MuteDto> mutes) {
    }

    /** A rule muted (or shown) by the reviewer; absent in files written before mutes existed. */
    public record MuteDto(String rule, String scope, String author, Instant at) {
    }

    public record RoundDto(int number, String headRef, String headCommit, String baseCommit, String mergeBase,
                           Instant at, int files, int hunks, int findings, List<String> units,
                           @com.fasterxml.jackson.annotation.JsonInclude(
                                   com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String compilerCheck) {
    }

    /** A file marked as viewed; {@code units} fingerprints its units then (absent in files of older versions). */
    public record ViewedDto(String path, int round, String author, Instant at, String units) {
    }

    public record DecisionDto(String hunk, String state, String reason, String author, Instant at, int round,
                              String fingerprint, String path, List<String> items) {
    }

    public record OutdatedDto(DecisionDto decision, String nowHunk, int sinceRound) {
    }

    public record AckDto(String finding, String kind, String note, String author, Instant at, int round) {
    }

    public record AnchorDto(String scope, String path, String side, int startLine, int endLine, List<String> lines,
                            String hunk) {
    }

    public record ReplyDto(String author, Instant at, String text) {
    }

    public record AnnotationDto(String id, AnchorDto anchor, String kind, String text, String suggestion,
                                String author, Instant created, Instant updated, List<ReplyDto> replies,
                                boolean resolved, int round, int outdatedSince) {
    }
}
