package dev.rustreview.analysis;

import dev.rustreview.model.DiffLine;
import dev.rustreview.model.Hunk;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Short ids that survive rebases and force-pushes: they hash what the code says, never where it sits.
 * Whitespace runs are folded so re-indentation alone does not change an id.
 */
public final class StableIds {

    private StableIds() {
    }

    /** A hunk's id: {@code h} + 8 hex digits of its path, changed lines and enclosing items. */
    public static String hunk(String path, Hunk hunk, List<String> items) {
        StringBuilder key = new StringBuilder(path).append('\n');
        items.forEach(i -> key.append(i).append('\n'));
        for (DiffLine line : hunk.lines()) {
            if (!line.isAdded() && !line.isRemoved()) {
                continue;
            }
            key.append(line.isAdded() ? '+' : '-').append(fold(line.text())).append('\n');
        }
        return "h" + hex(key.toString(), 8);
    }

    /**
     * A finding's id: rule id, dash, 8 hex digits of its path, rule and the flagged code; {@code occurrence}
     * separates identical code flagged twice in one file. Eight digits, because with six two of tokio's 5,468
     * findings on its 1.0.0..HEAD range shared an id (a birthday collision is likely at that size; at 32 bits it
     * is about one range in three hundred).
     */
    public static String finding(String ruleId, String path, String flaggedCode, int occurrence) {
        return ruleId + "-" + hex(ruleId + '\n' + path + '\n' + fold(flaggedCode) + '\n' + occurrence, 8);
    }

    /** The same hash with the 6 hex digits ids had before 2026-12-04: former ids, so saved reviews re-attach. */
    public static String findingSixDigits(String ruleId, String path, String flaggedCode, int occurrence) {
        return ruleId + "-" + hex(ruleId + '\n' + path + '\n' + fold(flaggedCode) + '\n' + occurrence, 6);
    }

    static String fold(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    private static String hex(String text, int digits) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, digits);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
