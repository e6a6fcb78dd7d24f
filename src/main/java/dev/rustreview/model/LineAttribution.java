package dev.rustreview.model;

/** A run of new-side lines of one file that the same branch commit introduced (inclusive range). */
public record LineAttribution(String path, int startLine, int endLine, String commitId) {
}
