package dev.rustreview.model;

import java.util.List;

/** A commit as the reviewer sees it: identities, full message and its parsed trailers. */
public record Commit(
        String id,
        List<String> parentIds,
        Person author,
        Person committer,
        String subject,
        String message,
        List<Trailer> trailers) {

    public Commit {
        parentIds = List.copyOf(parentIds);
        trailers = List.copyOf(trailers);
    }

    /** The abbreviated id git shows by default. */
    public String shortId() {
        return id.length() > 7 ? id.substring(0, 7) : id;
    }

    public boolean isMerge() {
        return parentIds.size() > 1;
    }
}
