package dev.rustreview.cli;
import dev.rustreview.check.CheckStore;
import dev.rustreview.export.GitHubPoster;
import dev.rustreview.export.GitHubReview;
import dev.rustreview.export.HtmlExport;
import dev.rustreview.export.JsonExport;
import dev.rustreview.export.MarkdownExport;
import dev.rustreview.export.NotesRecords;
import dev.rustreview.export.SafeOutput;
import dev.rustreview.export.SarifExport;
import dev.rustreview.git.ReviewNotes;
import dev.rustreview.model.BadInputException;
import dev.rustreview.model.CompilerCheck;
import dev.rustreview.review.ReviewSession;
import dev.rustreview.review.ReviewerIdentity;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rust-review export --format F [--out PATH]}: the review in one of the export formats. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write the review as markdown (for the agent), json, sarif, html or github (a pull-request "
                + "review payload), or as git notes on the head commit under refs/notes/rust-review (notes). Without --out it goes to standard output; with a folder, the file is named "
                + "review-<branch>.<ext>; an existing file is replaced atomically.")
final class ExportCommand implements Callable<Integer> {

    /** The formats and their file extensions. */
    enum Format {
        MARKDOWN("md"), JSON("json"), SARIF("sarif"), HTML("html"), GITHUB("github.json"), NOTES("");

        final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        static Format parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("unknown format '" + text + "': use markdown, json, sarif, html, github or notes");
            }
        }
    }

    @Spec CommandSpec spec;
    @Mixin ReviewTarget target;
    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "markdown, json, sarif, html, github or notes.")
    String format;
    @Option(names = "--out", paramLabel = "PATH", description = "A file, or an existing folder (default: standard output).")
    Path out;
    @Option(names = "--post", description = "With --format github: send the review to --pr using GITHUB_TOKEN.")
    boolean post;
    @Option(names = "--include-unreviewed-findings",
            description = "Markdown: also list the high and critical findings nobody answered (rules not muted).")
    boolean includeUnreviewed;
    @Option(names = "--pr", paramLabel = "OWNER/REPO#N", description = "The pull request for --post.")
    String pr;

    @Override
    public Integer call() {
        Format f = Format.parse(format);
        if (post && (f != Format.GITHUB || pr == null)) {
            throw new BadInputException("--post needs --format github and --pr owner/repo#N");
        }
        if (f == Format.NOTES && out != null) {
            throw new BadInputException("--format notes writes to refs/notes/rust-review, not a file: drop --out");
        }
        GitHubPoster.PullRequest pull = post ? GitHubPoster.PullRequest.parse(pr) : null;
        try (ReviewTarget.Opened o = target.open()) {
            o.save();
            ReviewSession s = o.session;
            if (f == Format.NOTES) {
                String head = s.index().analysis().changeSet().toId();
                String commit = new ReviewNotes(o.git.gitDir(), ReviewNotes.REF).add(head,
                        NotesRecords.lines(s.review()), ReviewerIdentity.name(o.git.writerIdentity()),
                        ReviewerIdentity.email(o.git.writerIdentity()));
                spec.commandLine().getOut().println(ReviewNotes.REF + " " + commit + " (note on " + head + ")");
                spec.commandLine().getOut().flush();
                return ExitCodes.OK;
            }
            // The compiler check of this round's head (the one the round refers to, else the newest stored for the
            // head by `check` or the window), if one ran; never run here.
            String head = s.index().analysis().changeSet().toId();
            String roundCheck = s.review().rounds().stream().filter(r -> r.headCommitId().equals(head))
                    .reduce((a, b) -> b).map(dev.rustreview.review.Round::compilerCheck).orElse(null);
            CompilerCheck check = new CheckStore(o.git.gitDir()).forRound(head, roundCheck).orElse(null);
            String text = switch (f) {
                case MARKDOWN -> MarkdownExport.write(dev.rustreview.export.AgentFeedback.of(s, includeUnreviewed), check);
                case JSON -> JsonExport.write(s, check);
                case SARIF -> SarifExport.write(s, check);
                case HTML -> HtmlExport.write(s);
                case GITHUB -> GitHubReview.toJson(s).toPrettyString() + "\n";
                case NOTES -> throw new IllegalStateException("written above");
            };
            if (pull != null) {
                String api = System.getenv().getOrDefault("GITHUB_API_URL", "https://api.github.com");
                String url = new GitHubPoster(URI.create(api), System.getenv("GITHUB_TOKEN"))
                        .post(pull, GitHubReview.toJson(s));
                spec.commandLine().getErr().println("posted the review" + (url.isEmpty() ? "" : ": " + url));
            }
            if (out == null) {
                spec.commandLine().getOut().print(text);
                spec.commandLine().getOut().flush();
            } else {
                Path file = SafeOutput.resolve(out, SafeOutput.fileName(o.review().headRef(), f.extension));
                SafeOutput.write(file, text.getBytes(StandardCharsets.UTF_8));
                spec.commandLine().getOut().println(file);
                spec.commandLine().getOut().flush();
            }
            return ExitCodes.OK;
        }
    }
}
