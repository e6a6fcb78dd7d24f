package dev.rustreview.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rustreview.git.ReviewNotes;
import dev.rustreview.review.Annotation;
import dev.rustreview.review.AnnotationKind;
import dev.rustreview.review.Review;
import dev.rustreview.review.ReviewSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotesExportTest {

    @TempDir
    static Path tmp;
    static ExportFixture fx;

    @BeforeAll
    static void build() {
        fx = ExportFixture.build(tmp);
    }

    private static String git(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", fx.repo.toString(), "-c", "user.name=T",
                "-c", "user.email=t@example.com"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    private static boolean gitPresent() {
        try {
            return new ProcessBuilder("git", "--version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void twoReviewersNotesMergeWithCatSortUniqAndImportWithoutDuplicates() throws Exception {
        assumeTrue(gitPresent(), "git is not installed: skipping the check against the real git command");
        String head = fx.v1.changeSet().toId();
        Path gitDir = fx.repo.resolve(".git");
        ReviewSession ann = fx.reviewed();
        List<String> annLines = NotesRecords.lines(ann.review());
        assertThat(annLines).hasSize(2 + 2 + 3).allSatisfy(l -> assertThat(l).startsWith("{\"v\":1,\"type\":\""));
        new ReviewNotes(gitDir, ReviewNotes.REF).add(head, annLines, "Ann", "ann@example.com");
        // Writing the same review again adds nothing.
        new ReviewNotes(gitDir, ReviewNotes.REF).add(head, annLines, "Ann", "ann@example.com");
        assertThat(git("notes", "--ref", "rust-review", "show", head).lines().toList())
                .containsExactlyElementsOf(annLines);

        ReviewSession bob = fx.fresh("Bob <bob@example.com>");
        bob.annotateReview(AnnotationKind.QUESTION, "why a new executor?");
        List<String> bobLines = NotesRecords.lines(bob.review());
        new ReviewNotes(gitDir, "refs/notes/rust-review-bob").add(head, bobLines, "Bob", "bob@example.com");
        git("notes", "--ref", "rust-review", "merge", "-s", "cat_sort_uniq", "refs/notes/rust-review-bob");

        List<String> merged = new ReviewNotes(gitDir, ReviewNotes.REF).read(head);
        assertThat(merged).hasSize(annLines.size() + bobLines.size()).containsAll(annLines).containsAll(bobLines);
        assertThat(git("notes", "--ref", "rust-review", "show", head).lines().toList()).isEqualTo(merged);
        assertThat(git("status", "--porcelain")).isEmpty();

        Review local = JsonImport.throughStore(NotesRecords.merge(ReviewDtos.of(ann.review()), merged));
        assertThat(local.annotations()).extracting(Annotation::text)
                .containsExactlyInAnyOrder("why **20**?", "use a constant", "looks mostly fine", "why a new executor?");
        assertThat(local.decisions()).isEqualTo(ann.review().decisions());
        assertThat(local.acknowledgements()).isEqualTo(ann.review().acknowledgements());
        Review again = JsonImport.throughStore(NotesRecords.merge(ReviewDtos.of(local), merged));
        assertThat(again.annotations()).containsExactlyInAnyOrderElementsOf(local.annotations());
    }

    @Test
    void aChangedAnnotationIsASecondLineAndTheNewerOneWins() {
        ReviewSession s = fx.reviewed();
        List<String> before = NotesRecords.lines(s.review());
        Annotation issue = s.review().annotations().iterator().next();
        s.reply(issue.id(), "the pool is small");
        List<String> after = NotesRecords.lines(s.review());
        List<String> both = new ArrayList<>(before);
        both.addAll(after);
        Review merged = JsonImport.throughStore(NotesRecords.merge(ReviewDtos.of(fx.fresh("c").review()),
                both.stream().distinct().sorted().toList()));
        assertThat(merged.annotation(issue.id()).orElseThrow().replies()).hasSize(1);
    }
}
