package dev.rustreview.review;

import dev.rustreview.model.BadInputException;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** Review and annotation ids: safe as file names, derived from the head branch by default. */
public final class ReviewIds {

    private static final Pattern SAFE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

    private ReviewIds() {
    }

    /** {@code agent/backup-executor} → {@code agent-backup-executor}. */
    public static String forHead(String headRef) {
        String name = headRef.replaceFirst("^refs/heads/", "").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[-.]+", "");
        if (name.length() > 100) {
            name = name.substring(0, 100);
        }
        return name.isEmpty() ? "review" : name;
    }

    /** Rejects ids that could escape the reviews folder or collide with its side files. */
    public static String check(String id) {
        if (id == null || !SAFE.matcher(id).matches() || id.contains("..")) {
            throw new BadInputException("review id '" + id + "' is not valid: use lower-case letters, digits, '.', '_' and '-'");
        }
        return id;
    }

    static String newAnnotationId() {
        return "a" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }
}
