package dev.rustreview.analysis.crate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A summary lists the locks a fn takes in the order it takes them, in every JVM: rules name the first lock two
 * calls share, and with {@code Map.copyOf} (iteration order salted per JVM) CC8 named another lock from run to run.
 */
class SummariesOrderTest {

    @Test
    void theLocksOfASummaryKeepTheOrderTheFnTakesThem() {
        List<Integer> n = IntStream.range(0, 12).boxed().toList();
        String fields = n.stream().map(i -> "    l" + i + ": Mutex<u8>,\n").collect(Collectors.joining());
        String locks = n.stream().map(i -> "        drop(self.l" + i + ".lock());\n").collect(Collectors.joining());
        String text = "use std::sync::Mutex;\nstruct S {\n" + fields + "}\nimpl S {\n    fn all(&self) {\n" + locks
                + "    }\n    fn outer(&self) {\n        self.all();\n    }\n}\n";
        CrateModel model = new CrateModel(Edition.E2021, List.of(LexicalReader.read("src/lib.rs", text, false)));
        List<String> expected = n.stream().map(i -> "S::l" + i).toList();
        for (String fn : List.of("all", "outer")) {
            FnFacts facts = model.methods("S", fn).get(0);
            assertThat(List.copyOf(model.summary(facts).locks().keySet())).as(fn).containsExactlyElementsOf(expected);
        }
    }
}
