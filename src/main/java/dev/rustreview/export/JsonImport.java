package dev.rustreview.export;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rustreview.io.Json;
import dev.rustreview.model.BadInputException;
import dev.rustreview.review.Review;
import dev.rustreview.review.ReviewFileException;
import dev.rustreview.review.ReviewFileFormat.FileDto;
import dev.rustreview.review.ReviewStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;

/** Reads a {@link JsonExport} document back into a review. */
public final class JsonImport {

    private JsonImport() {
    }

    /**
     * The review in {@code json}.
     *
     * @throws BadInputException when it is not an export this build can read
     */
    public static Review read(String json) {
        return throughStore(readDto(json));
    }

    /** The review part of an export, in the review file's format. */
    public static FileDto readDto(String json) {
        JsonNode root;
        FileDto dto;
        try {
            root = Json.mapper().readTree(json);
            if (root == null || !JsonExport.KIND.equals(root.path("kind").asText())) {
                throw new BadInputException("not a rust-review JSON export (no \"kind\": \"" + JsonExport.KIND
                        + "\"): export one with 'rust-review export --format json'");
            }
            int version = root.path("schemaVersion").asInt(-1);
            if (version < 1 || version > JsonExport.VERSION) {
                throw new BadInputException("JSON export schema version " + version + " is not supported (this "
                        + "build reads 1.." + JsonExport.VERSION + "): upgrade rust-review");
            }
            dto = Json.mapper().treeToValue(root.path("review"), FileDto.class);
        } catch (IOException e) {
            throw new BadInputException("the JSON export is not valid JSON: " + e.getMessage().lines().findFirst()
                    .orElse(""));
        }
        if (dto == null || dto.id() == null) {
            throw new BadInputException("the JSON export has no review id: export it again");
        }
        return dto;
    }

    /**
     * The review store is the one reader of review DTOs (the live model's setters are private to it), so the
     * DTO goes through a throw-away store in a temp folder.
     */
    public static Review throughStore(FileDto dto) {
        if (dto == null || dto.id() == null) {
            throw new BadInputException("the JSON export has no review id: export it again");
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("rust-review-import");
            ReviewStore store = new ReviewStore(dir, Clock.systemUTC());
            Files.write(store.file(dto.id()), Json.mapper().writeValueAsBytes(dto));
            return store.load(dto.id()).orElseThrow();
        } catch (ReviewFileException e) {
            throw new BadInputException("the review in the JSON export is incomplete: " + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temp folder left behind is harmless; the import itself succeeded or already failed.
        }
    }
}
