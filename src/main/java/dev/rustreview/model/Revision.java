package dev.rustreview.model;

/**
 * A revision the user asked for and what it resolved to.
 *
 * @param spec     what was asked for ({@code main}, {@code HEAD~3}, a SHA)
 * @param refName  the full ref it named, or null for a bare commit expression
 * @param commitId the commit it resolved to
 */
public record Revision(String spec, String refName, String commitId) {
}
