package dev.rustreview.review;

import java.time.Instant;

/** A reply in an annotation's thread (Markdown text). */
public record Reply(String author, Instant at, String text) {
}
