package dev.rustreview.cli;
import dev.rustreview.export.JsonImport;
import dev.rustreview.export.NotesRecords;
import dev.rustreview.git.GitRepository;
import dev.rustreview.git.ReviewNotes;
import dev.rustreview.model.BadInputException;
import dev.rustreview.review.Review;
import dev.rustreview.review.ReviewFileFormat.FileDto;
import dev.rustreview.review.ReviewStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rust-review import --format json --in FILE | --format notes}: an export becomes or joins the local review. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Read a review exported with 'export --format json' into the repository's reviews, or merge "
                + "the head commit's refs/notes/rust-review note (another reviewer's work) into the local review.")
final class ImportCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin ReviewTarget target;
    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "json or notes.") String format;
    @Option(names = "--in", paramLabel = "FILE", description = "The exported JSON file (for --format json).") Path in;
    @Option(names = "--replace", description = "Replace a review with the same id that already exists here.") boolean replace;

    @Override
    public Integer call() throws IOException {
        String f = format.trim().toLowerCase(java.util.Locale.ROOT);
        if (f.equals("notes")) {
            return importNotes();
        }
        if (!f.equals("json")) {
            throw new BadInputException("unknown import format '" + format + "': use json or notes");
        }
        if (in == null || !Files.isRegularFile(in)) {
            throw new BadInputException("'" + in + "' is not a file: pass the exported JSON with --in");
        }
        String json = Files.readString(in);
        FileDto dto = JsonImport.readDto(json);
        // Parse it as a whole review once before touching the store, so a broken export replaces nothing.
        JsonImport.read(json);
        try (GitRepository git = GitRepository.open(target.repo)) {
            ReviewStore store = ReviewStore.inGitDir(git.gitDir(), Clock.systemUTC());
            Optional<Review> local = store.load(dto.id());
            if (local.isPresent() && !replace) {
                throw new BadInputException("review " + dto.id() + " already exists here: pass --replace to overwrite it");
            }
            // Count on from the local revision so a process holding the old review notices the change.
            store.replaceWith(dto, local.map(Review::revision).orElse(0L));
            spec.commandLine().getOut().println("imported review " + dto.id());
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }

    /** Merges the head commit's rust-review note into the local review: new records added, none twice. */
    private int importNotes() throws IOException {
        try (ReviewTarget.Opened o = target.open()) {
            o.save();
            String head = o.session.index().analysis().changeSet().toId();
            List<String> lines = new ReviewNotes(o.git.gitDir(), ReviewNotes.REF).read(head);
            if (lines.isEmpty()) {
                throw new BadInputException("no " + ReviewNotes.REF + " note on " + head
                        + ": fetch it with 'git fetch origin refs/notes/rust-review:refs/notes/rust-review'");
            }
            Review local = o.review();
            int before = local.annotations().size() + local.decisions().size() + local.acknowledgements().size();
            FileDto merged = NotesRecords.merge(local, lines);
            o.store.replaceWith(merged, local.revision());
            int after = merged.annotations().size() + merged.decisions().size() + merged.acknowledgements().size();
            spec.commandLine().getOut().println("merged " + lines.size() + " note records into review " + local.id()
                    + " (" + (after - before) + " new)");
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }
}
