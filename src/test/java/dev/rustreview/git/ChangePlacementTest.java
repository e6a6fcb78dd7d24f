package dev.rustreview.git;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.model.FileChange;
import dev.rustreview.model.Hunk;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where ambiguous changes land, pinned to what git 2.39 printed for the same input (so this holds on
 * machines without git). JGit's histogram alone places both of these differently.
 */
class ChangePlacementTest {

    @TempDir
    Path dir;

    private List<String> hunks(String before, String after) throws Exception {
        try (TestRepo test = TestRepo.create(dir)) {
            String a = test.commit("a\n", TestRepo.tree().file("f.txt", before));
            String b = test.commit("b\n", TestRepo.tree().file("f.txt", after), a);
            test.branch("main", b);
            try (GitRepository repo = GitRepository.open(dir)) {
                FileChange file = repo.between(a, b, DiffOptions.DEFAULT).files().get(0);
                return file.hunks().stream().flatMap(h -> render(h).stream()).toList();
            }
        }
    }

    private static List<String> render(Hunk hunk) {
        List<String> out = new java.util.ArrayList<>();
        out.add(hunk.header());
        hunk.lines().forEach(l -> out.add(switch (l.kind()) {
            case CONTEXT -> " ";
            case ADDED -> "+";
            case REMOVED -> "-";
        } + l.text()));
        return out;
    }

    @Test
    void indentHeuristicSplitsAtTheBlankLine() throws Exception {
        assertThat(hunks("a\n   \n\na\n\t\ty();\n", "a\n   \n\na\nb\n    }\nchanged 93\na\n\t\ty();\n"))
                .containsExactly("@@ -1,5 +1,9 @@", " a", "    ", " ", "+a", "+b", "+    }", "+changed 93", " a", " \t\ty();");
    }

    @Test
    void aSlidBlockLinesUpWithTheChangeOnTheOtherSide() throws Exception {
        String before = "c\n\n    if ok {\nb\n        x += 1;\nc\nb\n\n{\nc\n// note\na\n}\n}\nc\nc\n\na\n";
        String after = "c\n\t\ty();\n        x += 1;\nchanged 85\n    if ok {\n        x += 1;\nb\n\n{\nc\n// note\na\n}\n}\nc\nc\n\na\n";
        assertThat(hunks(before, after)).startsWith("@@ -1,9 +1,9 @@", " c", "-", "-    if ok {", "-b",
                "+\t\ty();", "+        x += 1;", "+changed 85", "+    if ok {", "         x += 1;", "-c", " b", " ", " {");
    }

    @Test
    void indentCountsTabsToTheNextMultipleOfEightAndBlankLinesAsNone() {
        assertThat(IndentScore.indentOf("    x")).isEqualTo(4);
        assertThat(IndentScore.indentOf("  \tx")).isEqualTo(8);
        assertThat(IndentScore.indentOf("\t\tx")).isEqualTo(16);
        assertThat(IndentScore.indentOf("   ")).isEqualTo(-1);
        assertThat(IndentScore.indentOf("")).isEqualTo(-1);
        assertThat(IndentScore.indentOf(" ".repeat(300) + "x")).isEqualTo(200);
    }
}
