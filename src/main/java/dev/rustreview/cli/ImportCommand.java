package dev.rustreview.cli;

import dev.rustreview.export.Json;
import dev.rustreview.export.JsonImport;
import dev.rustreview.export.SafeOutput;
import dev.rustreview.git.GitRepository;
import dev.rustreview.model.BadInputException;
import dev.rustreview.review.Review;
import dev.rustreview.review.ReviewFileFormat.FileDto;
import dev.rustreview.review.ReviewStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rust-review import --format json --in FILE}: a JSON export becomes the repository's review. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Read a review exported with 'export --format json' into the repository's reviews.")
final class ImportCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".", description = "Repository (default: current directory).")
    Path repo;
    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "json.") String format;
    @Option(names = "--in", required = true, paramLabel = "FILE", description = "The exported file.") Path in;
    @Option(names = "--replace", description = "Replace a review with the same id that already exists here.") boolean replace;

    @Override
    public Integer call() throws IOException {
        if (!"json".equalsIgnoreCase(format.trim())) {
            throw new BadInputException("unknown import format '" + format + "': use json");
        }
        if (!Files.isRegularFile(in)) {
            throw new BadInputException("'" + in + "' is not a file: pass the exported JSON with --in");
        }
        FileDto dto = JsonImport.readDto(Files.readString(in));
        JsonImport.read(Files.readString(in));
        try (GitRepository git = GitRepository.open(repo)) {
            ReviewStore store = ReviewStore.inGitDir(git.gitDir(), Clock.systemUTC());
            Optional<Review> local = store.load(dto.id());
            if (local.isPresent() && !replace) {
                throw new BadInputException("review " + dto.id() + " already exists here: pass --replace to overwrite it");
            }
            // Count on from the local revision so a process holding the old review notices the change.
            long revision = Math.max(dto.revision(), local.map(Review::revision).orElse(0L)) + 1;
            FileDto next = new FileDto(dto.kind(), dto.formatVersion(), revision, dto.id(), dto.repository(), dto.head(),
                    dto.base(), dto.rounds(), dto.decisions(), dto.outdatedDecisions(), dto.changedSince(),
                    dto.acknowledgements(), dto.annotations());
            Files.createDirectories(store.file(dto.id()).getParent());
            SafeOutput.write(store.file(dto.id()), Json.mapper().writeValueAsBytes(next));
            spec.commandLine().getOut().println("imported review " + dto.id());
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }
}
