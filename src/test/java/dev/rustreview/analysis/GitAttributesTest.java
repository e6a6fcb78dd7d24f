package dev.rustreview.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GitAttributesTest {

    @Test
    void patternsFollowGitGlobRules() {
        GitAttributes a = GitAttributes.parse("""
                # generated code
                *.pb.rs linguist-generated
                /src/bindings.rs linguist-generated=true
                gen/**/*.rs linguist-generated
                **/schema/*.sql linguist-generated
                docs/api-?.md linguist-generated
                vendor/** -linguist-generated
                *.txt text eol=lf
                """);
        assertThat(a.isGenerated("proto/deep/msg.pb.rs")).isTrue();      // no slash: any depth
        assertThat(a.isGenerated("src/bindings.rs")).isTrue();            // anchored
        assertThat(a.isGenerated("crates/x/src/bindings.rs")).isFalse();  // anchored means from the top
        assertThat(a.isGenerated("gen/a.rs")).isTrue();                   // "**/" matches zero directories
        assertThat(a.isGenerated("gen/x/y/a.rs")).isTrue();
        assertThat(a.isGenerated("src/gen/a.rs")).isFalse();              // a pattern with a slash is anchored
        assertThat(a.isGenerated("db/schema/users.sql")).isTrue();
        assertThat(a.isGenerated("docs/api-1.md")).isTrue();
        assertThat(a.isGenerated("docs/api-12.md")).isFalse();            // "?" is exactly one character
        assertThat(a.isGenerated("notes.txt")).isFalse();                 // other attributes are ignored
        assertThat(a.linguistGenerated("vendor/lib.rs")).contains(false);
        assertThat(a.linguistGenerated("src/main.rs")).isEmpty();
    }

    @Test
    void lastMatchingLineWinsAndStarsDoNotCrossDirectories() {
        GitAttributes a = GitAttributes.parse("""
                src/*.rs linguist-generated
                src/keep.rs -linguist-generated
                src/reset.rs !linguist-generated
                """);
        assertThat(a.isGenerated("src/a.rs")).isTrue();
        assertThat(a.isGenerated("src/sub/a.rs")).isFalse();
        assertThat(a.linguistGenerated("src/keep.rs")).contains(false);
        assertThat(a.linguistGenerated("src/reset.rs")).isEmpty();
    }

    @Test
    void quotedPatternsSubdirectoryFilesAndIgnoredLines() {
        GitAttributes root = GitAttributes.parse("""
                "my file.rs" linguist-generated
                [attr]gen linguist-generated
                out/ linguist-generated
                !neg.rs linguist-generated
                """);
        GitAttributes sub = GitAttributes.parse("crates/api", "*.rs linguist-generated\n");
        GitAttributes all = root.and(sub);
        assertThat(all.isGenerated("a/my file.rs")).isTrue();
        assertThat(all.isGenerated("out/x.rs")).isFalse();
        assertThat(all.isGenerated("neg.rs")).isFalse();
        assertThat(all.isGenerated("crates/api/src/lib.rs")).isTrue();
        assertThat(all.isGenerated("crates/core/src/lib.rs")).isFalse();
        assertThat(GitAttributes.none().isGenerated("anything.rs")).isFalse();
    }
}
