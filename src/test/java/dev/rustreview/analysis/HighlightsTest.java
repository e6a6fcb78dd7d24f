package dev.rustreview.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HighlightsTest {

    private static List<String> kinds(String source, int line) {
        List<String> lines = source.lines().toList();
        return Highlights.of(source).stream().filter(s -> s.line() == line)
                .map(s -> s.kind() + ":" + lines.get(line).substring(s.start(), s.end())).toList();
    }

    @Test
    void classesComeFromTheTreeNotTheLine() {
        String src = """
                #[derive(Debug)]
                pub struct Cache<'a> { map: HashMap<u64, &'a str> }
                /* a comment
                   let x = 42; still comment */
                fn get(&self) -> bool { println!("hé {}", 1.5); true }
                """;
        assertThat(kinds(src, 0)).containsExactly("attribute:#[derive(Debug)]");
        assertThat(kinds(src, 1)).containsExactly("keyword:pub", "keyword:struct", "type:Cache", "lifetime:'a",
                "type:HashMap", "type:u64", "lifetime:'a", "type:str");
        // The lexer sees a keyword and a number here; the tree knows the block comment goes on.
        assertThat(kinds(src, 3)).containsExactly("comment:   let x = 42; still comment */");
        // Columns count UTF-16 units after a non-ASCII character.
        assertThat(kinds(src, 4)).containsExactly("keyword:fn", "keyword:self", "type:bool", "macro:println", "macro:!",
                "string:\"hé {}\"", "number:1.5", "keyword:true");
    }

    @Test
    void aFragmentStillColoursWhatParses() {
        assertThat(kinds("    let total = count + 1;\n}\n", 0)).contains("keyword:let", "number:1");
    }
}
