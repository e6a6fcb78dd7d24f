package dev.rustreview.ui.app;

import java.nio.file.Path;

/** What the window opens: a repository (null for the bundled sample) and optional base and head revisions. */
public record OpenRequest(Path repo, String base, String head) {

    /** The bundled sample, at its default branches. */
    public static OpenRequest sample() {
        return new OpenRequest(null, null, null);
    }
}
