package dev.rustreview.git;

import dev.rustreview.model.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The sample shipped inside the application ({@code samples/backup-service}): a small Rust crate whose
 * {@code agent/backup-executor} branch an agent wrote. The window opens it on first launch.
 */
public final class BundledSample {

    /** The sample's folder under {@code samples/}. */
    public static final String NAME = "backup-service";
    /** The branch a first launch reviews, and its base. */
    public static final String HEAD = "agent/backup-executor";
    public static final String BASE = "main";
    /** The agent's second round, rebased onto the newer main. */
    public static final String HEAD_V2 = "agent/backup-executor-v2";

    private BundledSample() {
    }

    /** The sample built under {@code samplesRoot} (reused while its content is unchanged). */
    public static Path ensureBuilt(Path samplesRoot) {
        return SampleRepositoryBuilder.bundled(NAME).ensureBuilt(samplesRoot);
    }

    /** The sample built into {@code dir}, which must not exist or must be an empty folder. */
    public static Path buildInto(Path dir) {
        Path target = dir.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new BadInputException(target + " is not empty: pass a new or empty folder to --into");
                }
                Files.delete(target);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else if (Files.exists(target)) {
            throw new BadInputException(target + " is a file: pass a new or empty folder to --into");
        }
        SampleRepositoryBuilder.bundled(NAME).build(target);
        return target;
    }
}
