package dev.rustreview.ui.diff.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The lexer on plain strings, no toolkit. */
class RustLexerTest {

    private static List<String> classified(String line) {
        return RustLexer.tokens(line).stream()
                .map(t -> t.kind() + ":" + line.substring(t.start(), t.end())).toList();
    }

    @Test
    void keywordsTypesMacrosNumbersAndComments() {
        assertThat(classified("pub async fn run(x: u32) -> Result<Vec<u8>> { println!(\"hi {}\", 0x1F); } // done"))
                .containsExactly("KEYWORD:pub", "KEYWORD:async", "KEYWORD:fn", "TYPE:Result", "TYPE:Vec",
                        "MACRO:println!", "STRING:\"hi {}\"", "NUMBER:0x1F", "COMMENT:// done");
    }

    @Test
    void lifetimesCharsRawStringsAndAttributes() {
        assertThat(classified("#[derive(Debug)] struct S<'a> { c: char = 'x', n: '\\n', s: r#\"a \"q\" b\"# }"))
                .containsExactly("ATTRIBUTE:#[derive(Debug)]", "KEYWORD:struct", "TYPE:S", "LIFETIME:'a",
                        "STRING:'x'", "STRING:'\\n'", "STRING:r#\"a \"q\" b\"#");
    }

    @Test
    void escapesAndUnterminatedInputStayInsideTheLine() {
        assertThat(classified("let s = \"a \\\" b\"; /* open")).containsExactly("KEYWORD:let",
                "STRING:\"a \\\" b\"", "COMMENT:/* open");
        assertThat(classified("x != y && 1.5e3 > 2")).containsExactly("NUMBER:1.5e3", "NUMBER:2");
        assertThat(RustLexer.tokens("")).isEmpty();
    }
}
