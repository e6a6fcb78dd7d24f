package dev.rustreview.cli;

/** Exit statuses of the command line, documented in the README. */
public final class ExitCodes {

    /** Success. */
    public static final int OK = 0;
    /** The command ran, and a finding at or above {@code --fail-on} exists. */
    public static final int FINDINGS = 1;
    /** Bad input: not a repository, unknown revision, bad option, corrupt file. */
    public static final int BAD_INPUT = 2;
    /** An unexpected internal error (a bug): reported in one line, with a trace under RUST_REVIEW_DEBUG=1. */
    public static final int INTERNAL = 3;

    private ExitCodes() {
    }
}
