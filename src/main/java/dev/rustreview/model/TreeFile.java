package dev.rustreview.model;

/** One file of a commit's tree: its path and blob id (for reading a whole crate at a commit). */
public record TreeFile(String path, String blobId) {
}
