package dev.rustreview.model;

/** A clippy lint related to a finding, with its documentation link. */
public record ClippyLint(String name, String url) {

    private static final String DOCS = "https://rust-lang.github.io/rust-clippy/master/index.html#";

    /** The lint {@code name} with its link in clippy's documentation. */
    public static ClippyLint of(String name) {
        return new ClippyLint(name, DOCS + name);
    }
}
