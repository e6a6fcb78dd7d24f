package dev.rustreview.analysis.crate;

/**
 * The {@code std::fs} paths that do no I/O: value types and the {@code OpenOptions} builder, whose {@code new()} and
 * setters only fill in a struct (its {@code open} is a method call, read elsewhere). One place, so that CC6's direct
 * reading and the crate model's "may block" summary agree: tokio's own {@code File::options()} builds a
 * {@code std::fs::OpenOptions} and was read as blocking in every async fn that called it.
 */
public final class BlockingPaths {

    private BlockingPaths() {
    }

    public static boolean fsBuilder(String full) {
        return full.startsWith("std::fs::Permissions") || full.startsWith("std::fs::FileType")
                || full.equals("std::fs::OpenOptions::new")
                || full.equals("std::fs::DirBuilder::new");
    }
}
