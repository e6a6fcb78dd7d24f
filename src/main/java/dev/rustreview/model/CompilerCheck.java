package dev.rustreview.model;

import java.util.List;

/**
 * What the compiler (and clippy) said about the head that it did not say about the base, for one head commit.
 *
 * @param toolchain     the toolchain's versions ({@code rustc 1.95.0 (...) / clippy 0.1.95 (...)})
 * @param tool          {@code clippy}, or {@code check} when clippy is not installed
 * @param lints         {@code default} or {@code pedantic}
 * @param sandboxed     whether cargo ran inside the sandbox ({@code false} only with {@code --no-sandbox})
 * @param findings      introduced diagnostics on changed hunks, errors first
 * @param preExisting   head diagnostics the base already had
 * @param outsideChange introduced diagnostics whose primary span is outside every changed hunk (counted only)
 * @param notes         what the reader must know (fallback to cargo check, the base did not build, ...)
 * @param millis        wall-clock time of the whole check
 */
public record CompilerCheck(
        String headCommit,
        String baseCommit,
        String toolchain,
        String tool,
        String lints,
        boolean sandboxed,
        List<CompilerFinding> findings,
        int preExisting,
        int outsideChange,
        List<String> notes,
        long millis) {

    public CompilerCheck {
        findings = List.copyOf(findings);
        notes = List.copyOf(notes);
    }

    public long errors() {
        return findings.stream().filter(CompilerFinding::isError).count();
    }
}
