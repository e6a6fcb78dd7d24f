package dev.rustreview.model;

/** One {@code Key: value} trailer from the end of a commit message, key as written. */
public record Trailer(String key, String value) {
    /** Whether this trailer's key equals {@code other}, ignoring case as git does. */
    public boolean isKey(String other) {
        return key.equalsIgnoreCase(other);
    }
}
