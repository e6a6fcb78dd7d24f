package dev.rustreview.review;

import java.time.Instant;

/**
 * The reviewer's "viewed" mark on a file, as GitHub has it: done with this file for now.
 *
 * @param round       the round it was marked in
 * @param fingerprint the file's units when marked ({@link ViewedFiles#fingerprint}); a new round whose units of
 *                    the file differ (the agent changed it) drops the mark
 */
public record ViewedFile(String path, int round, String author, Instant at, String fingerprint) {
}
