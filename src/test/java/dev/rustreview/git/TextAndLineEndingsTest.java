package dev.rustreview.git;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.model.DiffLine;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.Hunk;
import dev.rustreview.model.LineKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How text is decoded and how line endings show in hunks. */
class TextAndLineEndingsTest {

    @TempDir
    Path dir;

    private FileChange only(TestRepo.Tree before, TestRepo.Tree after) throws Exception {
        try (TestRepo test = TestRepo.create(dir)) {
            String first = test.commit("before\n", before);
            String second = test.commit("after\n", after, first);
            test.branch("main", second);
            try (GitRepository repo = GitRepository.open(dir)) {
                List<FileChange> files = repo.between(first, second, DiffOptions.DEFAULT).files();
                assertThat(files).hasSize(1);
                return files.get(0);
            }
        }
    }

    private static List<String> unified(Hunk hunk) {
        return hunk.lines().stream().map(l -> switch (l.kind()) {
            case CONTEXT -> " " + l.text();
            case ADDED -> "+" + l.text();
            case REMOVED -> "-" + l.text();
        }).toList();
    }

    @Test
    void invalidUtf8FallsBackToLatin1KeepingEveryByte() throws Exception {
        byte[] latin1 = "caf\u00e9 = 1\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(latin1[3]).isEqualTo((byte) 0xE9);
        FileChange f = only(TestRepo.tree().file("notes.txt", "cafe = 1\n"), TestRepo.tree().bytes("notes.txt", latin1));
        assertThat(f.encoding()).isEqualTo("ISO-8859-1");
        assertThat(unified(f.hunks().get(0))).containsExactly("-cafe = 1", "+caf\u00e9 = 1");
    }

    @Test
    void validUtf8IsDecodedAsUtf8() throws Exception {
        FileChange f = only(TestRepo.tree().file("notes.md", "cafe\n"), TestRepo.tree().file("notes.md", "caf\u00e9 \u2713\n"));
        assertThat(f.encoding()).isEqualTo("UTF-8");
        assertThat(f.language()).isEqualTo("markdown");
        assertThat(f.hunks().get(0).lines().get(1).text()).isEqualTo("caf\u00e9 \u2713");
    }

    @Test
    void crlfLinesAreFlaggedAndTextHasNoTerminator() throws Exception {
        FileChange f = only(TestRepo.tree().file("w.txt", "one\r\ntwo\r\n"), TestRepo.tree().file("w.txt", "one\r\nTWO\r\nthree\n"));
        Hunk h = f.hunks().get(0);
        assertThat(unified(h)).containsExactly(" one", "-two", "+TWO", "+three");
        assertThat(h.lines()).extracting(DiffLine::crlf).containsExactly(true, true, true, false);
    }

    @Test
    void missingFinalNewlineIsMarkedOnTheLastLineOfThatSide() throws Exception {
        FileChange f = only(TestRepo.tree().file("a.txt", "a\nb"), TestRepo.tree().file("a.txt", "a\nb\nc\n"));
        Hunk h = f.hunks().get(0);
        assertThat(unified(h)).containsExactly(" a", "-b", "+b", "+c");
        assertThat(h.lines()).extracting(DiffLine::noNewlineAtEnd).containsExactly(false, true, false, false);
        assertThat(h.header()).isEqualTo("@@ -1,2 +1,3 @@");
    }

    @Test
    void contextLineWithoutFinalNewlineOnBothSides() throws Exception {
        FileChange f = only(TestRepo.tree().file("a.txt", "a\nb\nend"), TestRepo.tree().file("a.txt", "a\nB\nend"));
        List<DiffLine> lines = f.hunks().get(0).lines();
        assertThat(lines.get(lines.size() - 1).text()).isEqualTo("end");
        assertThat(lines.get(lines.size() - 1).kind()).isEqualTo(LineKind.CONTEXT);
        assertThat(lines.get(lines.size() - 1).noNewlineAtEnd()).isTrue();
    }
}
