package dev.rustreview.export;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rustreview.io.Json;
import dev.rustreview.model.BadInputException;
import dev.rustreview.review.Review;
import dev.rustreview.review.ReviewFileFormat.AckDto;
import dev.rustreview.review.ReviewFileFormat.AnnotationDto;
import dev.rustreview.review.ReviewFileFormat.DecisionDto;
import dev.rustreview.review.ReviewFileFormat.FileDto;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A review as git-note lines: one compact JSON record per decision, acknowledgement and annotation, each with a
 * stable id. Identical records are identical bytes, so {@code git notes merge -s cat_sort_uniq} drops
 * duplicates; a record that changed (a reply, a new decision) stays as a second line and the newer one wins
 * on import.
 */
public final class NotesRecords {

    private static final ObjectWriter COMPACT = Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);

    /** One line. */
    record Line(int v, String type, String id, Object data) {
    }

    private NotesRecords() {
    }

    public static List<String> lines(Review review) {
        FileDto dto = ReviewDtos.of(review);
        List<String> out = new ArrayList<>();
        dto.decisions().forEach(d -> out.add(line("decision", "d:" + d.hunk() + ":" + d.author(), d)));
        dto.acknowledgements().forEach(a -> out.add(line("ack", "k:" + a.finding() + ":" + a.author(), a)));
        dto.annotations().forEach(a -> out.add(line("annotation", "a:" + a.id(), a)));
        return out.stream().sorted().toList();
    }

    /** The live review with the notes' records merged in, as a review file DTO to save. */
    public static FileDto merge(Review local, List<String> lines) {
        return merge(ReviewDtos.of(local), lines);
    }

    /** {@code local} with the notes' records merged in: new ids added, a newer version of a known id replacing it. */
    public static FileDto merge(FileDto local, List<String> lines) {
        Map<String, DecisionDto> decisions = byKey(local.decisions(), DecisionDto::hunk);
        Map<String, AckDto> acks = byKey(local.acknowledgements(), AckDto::finding);
        Map<String, AnnotationDto> annotations = byKey(local.annotations(), AnnotationDto::id);
        for (String text : lines) {
            try {
                JsonNode node = Json.mapper().readTree(text);
                JsonNode data = node.path("data");
                switch (node.path("type").asText()) {
                    case "decision" -> newer(decisions, Json.mapper().treeToValue(data, DecisionDto.class),
                            DecisionDto::hunk, DecisionDto::at);
                    case "ack" -> newer(acks, Json.mapper().treeToValue(data, AckDto.class), AckDto::finding, AckDto::at);
                    case "annotation" -> newer(annotations, Json.mapper().treeToValue(data, AnnotationDto.class),
                            AnnotationDto::id, AnnotationDto::updated);
                    default -> { } // A record type from a newer version: kept in the note, skipped here.
                }
            } catch (IOException e) {
                throw new BadInputException("a rust-review note line is not valid JSON (" + e.getMessage().lines().findFirst().orElse("")
                        + "): fix or remove refs/notes/rust-review");
            }
        }
        return new FileDto(local.kind(), local.formatVersion(), local.revision(), local.id(), local.repository(),
                local.head(), local.base(), local.rounds(), List.copyOf(decisions.values()), local.outdatedDecisions(),
                local.changedSince(), List.copyOf(acks.values()), List.copyOf(annotations.values()),
                local.viewedFiles(), local.mutes());
    }

    private static <T> Map<String, T> byKey(List<T> items, Function<T, String> key) {
        Map<String, T> map = new LinkedHashMap<>();
        (items == null ? List.<T>of() : items).forEach(i -> map.put(key.apply(i), i));
        return map;
    }

    /**
     * Keeps the newer of two versions; on equal times the greater serialized form, so the result does not depend
     * on the order the lines come in (a merge must give the same review for A+B and B+A).
     */
    private static <T> void newer(Map<String, T> map, T item, Function<T, String> key, Function<T, Instant> at) {
        T known = map.get(key.apply(item));
        if (known == null) {
            map.put(key.apply(item), item);
            return;
        }
        Instant a = at.apply(item) == null ? Instant.EPOCH : at.apply(item);
        Instant b = at.apply(known) == null ? Instant.EPOCH : at.apply(known);
        int order = a.compareTo(b);
        if (order > 0 || (order == 0 && compact(item).compareTo(compact(known)) > 0)) {
            map.put(key.apply(item), item);
        }
    }

    private static String compact(Object o) {
        try {
            return COMPACT.writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String line(String type, String id, Object data) {
        try {
            return COMPACT.writeValueAsString(new Line(1, type, id, data));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
