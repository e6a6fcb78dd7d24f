package dev.rustreview.review;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rustreview.io.AtomicFiles;
import dev.rustreview.io.Json;
import dev.rustreview.model.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Reviews on disk, one {@code <id>.json} per review in {@code <gitdir>/rust-review/reviews/}. Saves are atomic
 * and keep {@code <id>.json.bak}; an unreadable file is moved aside to {@code <id>.json.corrupt-<time>}; a save
 * over a file another process saved meanwhile fails (optimistic revision check), and the short write itself is
 * serialised by an OS lock on {@code <id>.json.lock}, which a killed process cannot leave behind.
 */
public final class ReviewStore {

    private static final long LOCK_WAIT_MILLIS = 5_000;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path dir;
    private final Clock clock;
    private final ObjectMapper mapper = Json.mapper();

    public ReviewStore(Path reviewsDir, Clock clock) {
        this.dir = reviewsDir.toAbsolutePath().normalize();
        this.clock = clock;
    }

    /** The store inside a repository's git directory. */
    public static ReviewStore inGitDir(Path gitDir, Clock clock) {
        return new ReviewStore(gitDir.resolve("rust-review").resolve("reviews"), clock);
    }

    public Path file(String id) {
        return dir.resolve(ReviewIds.check(id) + ".json");
    }

    public Path backupFile(String id) {
        return dir.resolve(ReviewIds.check(id) + ".json.bak");
    }

    /**
     * The saved review, or empty when there is none.
     *
     * @throws ReviewFileException when the file is unreadable; it has been moved aside
     */
    public Optional<Review> load(String id) {
        Path file = file(id);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return Optional.of(parse(bytes));
        } catch (UnreadableReview e) {
            Path aside = moveAside(file);
            boolean backup = Files.exists(backupFile(id));
            throw new ReviewFileException("review file " + file + " " + e.getMessage() + ": moved it to "
                    + aside.getFileName() + "; start a fresh review" + (backup ? " or open the backup ("
                    + backupFile(id).getFileName() + ")" : ""), aside, backup, e);
        }
    }

    /** The previous saved version, to recover from an unreadable file; it becomes current on the next save. */
    public Review loadBackup(String id) {
        try {
            Review review = parse(Files.readAllBytes(backupFile(id)));
            long onDisk = Files.exists(file(id)) ? diskRevision(file(id)) : 0;
            review.savedAs(onDisk);
            review.touch(); // the backup differs from what is on disk, so the next save must write it
            return review;
        } catch (NoSuchFileException e) {
            throw new BadInputException("review " + id + " has no backup: start a fresh review");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UnreadableReview e) {
            throw new BadInputException("the backup of review " + id + " " + e.getMessage() + ": start a fresh review");
        }
    }

    /**
     * A review's content at one moment, taken on the thread that owns the (mutable) review so another thread
     * can write it: the window snapshots on the FX thread and writes on a worker.
     *
     * @param baseRevision the revision the content was loaded or last saved as (checked against the disk)
     * @param changes      the review's pending change count when taken; {@link #saved} subtracts it
     */
    public record Snapshot(ReviewFileFormat.FileDto content, long baseRevision, long changes) {
    }

    /** The review's unsaved state, or empty when there is nothing to write. Call on the review's owning thread. */
    public Optional<Snapshot> snapshot(Review review) {
        if (review.pendingChanges() == 0 && review.revision() > 0 && Files.exists(file(review.id()))) {
            return Optional.empty();
        }
        return Optional.of(new Snapshot(ReviewCodec.toDto(review, review.revision()), review.revision(),
                review.pendingChanges()));
    }

    /**
     * Writes a snapshot and returns its new revision; any thread. Fails without writing when another
     * process saved a newer revision since the snapshot's base revision.
     */
    public long write(Snapshot snapshot) {
        String id = snapshot.content().id();
        Path file = file(id);
        try {
            Files.createDirectories(dir);
            try (FileChannel lockChannel = FileChannel.open(dir.resolve(id + ".json.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = acquire(lockChannel, id)) {
                removeStaleTempFiles(id);
                long onDisk = Files.exists(file) ? diskRevision(file) : 0;
                if (onDisk != snapshot.baseRevision()) {
                    throw new ConcurrentReviewChangeException("review " + id
                            + " was changed by another process (revision " + onDisk + ", this copy has "
                            + snapshot.baseRevision() + "): reload it and redo the last change");
                }
                long next = onDisk + 1;
                AtomicFiles.replace(file, mapper.writeValueAsBytes(withRevision(snapshot.content(), next)),
                        backupFile(id));
                return next;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("saving review " + id + " in " + dir, e);
        }
    }

    /** Records on the owning thread that {@code snapshot} was written as {@code revision}; later changes stay pending. */
    public static void saved(Review review, Snapshot snapshot, long revision) {
        review.savedPart(revision, snapshot.changes());
    }

    /**
     * Makes the saved review {@code id}'s round of {@code headCommit} refer to the compiler check stored as
     * {@code file}; false when there is no such review or round (nothing is written then).
     */
    public boolean recordCompilerCheck(String id, String headCommit, String file) {
        Optional<Review> review = load(id);
        if (review.isEmpty() || !review.get().recordCompilerCheck(headCommit, file)) {
            return false;
        }
        save(review.get());
        return true;
    }

    /**
     * Writes the review if it has unsaved changes (cheap to call often). Fails without writing when another
     * process saved a newer revision since this one was loaded.
     */
    public void save(Review review) {
        snapshot(review).ifPresent(s -> saved(review, s, write(s)));
    }

    private static ReviewFileFormat.FileDto withRevision(ReviewFileFormat.FileDto d, long revision) {
        return new ReviewFileFormat.FileDto(d.kind(), d.formatVersion(), revision, d.id(), d.repository(), d.head(),
                d.base(), d.rounds(), d.decisions(), d.outdatedDecisions(), d.changedSince(), d.acknowledgements(),
                d.annotations(), d.viewedFiles(), d.mutes());
    }

    /**
     * Writes an imported review file in place of the local one, under the same lock and revision check as
     * {@link #save}: when another process saved since the caller read revision {@code expectedOnDisk}, nothing
     * is written. The previous file is kept as the backup; the new revision counts on from both.
     */
    public void replaceWith(ReviewFileFormat.FileDto dto, long expectedOnDisk) {
        Path file = file(dto.id());
        try {
            Files.createDirectories(dir);
            try (FileChannel lockChannel = FileChannel.open(dir.resolve(dto.id() + ".json.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = acquire(lockChannel, dto.id())) {
                long onDisk = Files.exists(file) ? diskRevision(file) : 0;
                if (onDisk != expectedOnDisk) {
                    throw new ConcurrentReviewChangeException("review " + dto.id()
                            + " was changed by another process while importing: run the import again");
                }
                long next = Math.max(dto.revision(), onDisk) + 1;
                AtomicFiles.replace(file, mapper.writeValueAsBytes(withRevision(dto, next)), backupFile(dto.id()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("importing review " + dto.id() + " into " + dir, e);
        }
    }

    /** Under the lock no other writer is mid-write, so temp files of this review are leftovers of a killed one. */
    private void removeStaleTempFiles(String id) throws IOException {
        String prefix = "." + id + ".json.";
        try (var files = Files.newDirectoryStream(dir, p -> {
            String n = p.getFileName().toString();
            return n.startsWith(prefix) && n.endsWith(".tmp");
        })) {
            for (Path p : files) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The revision on disk; an unreadable file is moved aside first so the save never overwrites it. */
    private long diskRevision(Path file) throws IOException {
        try {
            JsonNode node = mapper.readTree(Files.readAllBytes(file));
            if (node != null && node.path("revision").canConvertToLong()) {
                return node.path("revision").asLong();
            }
        } catch (JacksonException e) {
            // falls through to moving it aside
        }
        moveAside(file);
        return 0;
    }

    private FileLock acquire(FileChannel channel, String id) throws IOException {
        long deadline = System.currentTimeMillis() + LOCK_WAIT_MILLIS;
        while (true) {
            try {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return lock;
                }
            } catch (OverlappingFileLockException e) {
                // Another store in this JVM holds it; wait like for another process.
            }
            if (System.currentTimeMillis() > deadline) {
                throw new BadInputException("review " + id + " is being saved by another process: try again");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BadInputException("interrupted while waiting to save review " + id);
            }
        }
    }

    private Review parse(byte[] bytes) throws UnreadableReview {
        JsonNode node;
        try {
            node = mapper.readTree(bytes);
        } catch (IOException e) {
            throw new UnreadableReview("is corrupt or truncated (" + firstLine(e.getMessage()) + ")", e);
        }
        if (node == null || !node.isObject() || !ReviewFileFormat.KIND.equals(node.path("kind").asText())) {
            throw new UnreadableReview("is not a Rust Review review file", null);
        }
        int version = node.path("formatVersion").asInt(-1);
        if (version > ReviewFileFormat.VERSION) {
            throw new UnreadableReview("was written by a newer Rust Review (format " + version + ", this one reads up to "
                    + ReviewFileFormat.VERSION + "); update Rust Review to open it", null);
        }
        if (version < 1) {
            throw new UnreadableReview("has no valid formatVersion", null);
        }
        try {
            return ReviewCodec.fromDto(mapper.treeToValue(node, ReviewFileFormat.FileDto.class));
        } catch (IOException | RuntimeException e) {
            throw new UnreadableReview("is corrupt (" + firstLine(e.getMessage()) + ")", e);
        }
    }

    private Path moveAside(Path file) {
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + STAMP.format(clock.instant()));
        for (int n = 1; Files.exists(aside); n++) {
            aside = file.resolveSibling(file.getFileName() + ".corrupt-" + STAMP.format(clock.instant()) + "-" + n);
        }
        try {
            Files.move(file, aside);
            // The backup is the last good version; the next saves of a fresh review would rotate it away, so a
            // copy stays next to the unreadable file for as long as that one does.
            Path backup = file.resolveSibling(file.getFileName() + ".bak");
            if (Files.exists(backup)) {
                Files.copy(backup, aside.resolveSibling(aside.getFileName() + ".bak"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return aside;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().findFirst().orElse("unreadable");
        return line.length() > 120 ? line.substring(0, 120) + "..." : line;
    }

    /** Why a file could not be read, as the end of a sentence that starts with the file's name. */
    private static final class UnreadableReview extends Exception {
        UnreadableReview(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
