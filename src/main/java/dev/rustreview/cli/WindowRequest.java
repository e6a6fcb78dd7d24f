package dev.rustreview.cli;

import java.nio.file.Path;

/** What the window should open: a repository (null for the bundled sample) and optional base/head. */
public record WindowRequest(Path repo, String base, String head) {
}
