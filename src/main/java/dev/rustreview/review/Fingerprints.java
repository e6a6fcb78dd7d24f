package dev.rustreview.review;

import dev.rustreview.model.DiffLine;
import dev.rustreview.model.Hunk;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Content fingerprints of hunks: the changed lines only, so moving a hunk does not change it. */
public final class Fingerprints {

    private Fingerprints() {
    }

    /** 12 hex digits of the hunk's added and removed lines (whitespace runs folded, as hunk ids do). */
    public static String of(Hunk hunk) {
        StringBuilder key = new StringBuilder();
        for (DiffLine line : hunk.lines()) {
            if (line.isAdded() || line.isRemoved()) {
                key.append(line.isAdded() ? '+' : '-').append(line.text().strip().replaceAll("\\s+", " ")).append('\n');
            }
        }
        return hex(key.toString());
    }

    static String hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
