package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ER28: read errors of {@code BufRead::lines} filtered out. */
class LineErrorsSkippedTest {

    private final LineErrorsSkipped rule = new LineErrorsSkipped();

    /** starship 006fbf0dd, reversed: the config file read line by line with its errors dropped. */
    private static final String STARSHIP = """
              fn get_aws_region_from_config(context: &Context, aws_profile: Option<&str>) -> Option<Region> {
                  let config_location = get_config_file_path(context)?;
            -     let contents = read_file(&config_location).ok()?;
            +     let file = File::open(&config_location).ok()?;
            +     let reader = BufReader::new(file);
            +     let lines = reader.lines().filter_map(Result::ok);
                  let region_line = if let Some(aws_profile) = aws_profile {
            -         contents
            -             .lines()
            +         lines
                          .skip_while(|line| line != &format!("[profile {}]", &aws_profile))
                          .skip(1)
                          .take_while(|line| !line.starts_with('['))
                          .find(|line| line.starts_with("region"))
                  } else {
                      None
                  }?;
                  Some(region_line)
              }
            """;

    @Test
    void bufReadLinesWithErrorsFilteredOut() {
        List<Finding> f = RuleRun.on(rule, "src/modules/aws.rs", STARSHIP);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER28", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).isEqualTo("`lines()` read errors skipped with `filter_map` in `get_aws_region_from_config`");
        assertThat(f.get(0).checkBeforeAccepting()).contains("map_while(Result::ok)");
        assertThat(RuleRun.shape(RuleRun.added(rule, """
                fn count(r: impl BufRead) -> usize {
                    let mut n = 0;
                    for line in r
                        .lines()
                        .flatten() {
                        n += line.len();
                    }
                    n + r.lines().filter_map(|l| l.ok()).count()
                }
                """))).containsExactly(tuple("ER28", MEDIUM, NEW, 4, 5), tuple("ER28", MEDIUM, NEW, 8, 8));
    }

    @Test
    void stoppingAtTheFirstErrorPropagatingAndTestCodeAreFine() {
        assertThat(RuleRun.on(rule, "src/modules/aws.rs", STARSHIP.replaceAll("(?m)^-", "@")
                .replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/count.rs", """
                  fn count(r: impl BufRead) -> usize {
                -     let n = 0;
                +     let n = 1;
                      n + r.lines().flatten().count()
                  }
                """)).isEmpty();
        assertThat(RuleRun.added(rule, """
                fn read(r: impl BufRead) -> io::Result<Vec<String>> {
                    let firsts: Vec<String> = r.lines().map_while(Result::ok).collect();
                    let all = r.lines().collect::<Result<Vec<_>, _>>()?;
                    let words = text.lines().flat_map(|l| l.split(' '));
                    Ok(all)
                }
                #[cfg(test)]
                mod tests {
                    fn lines_of(r: impl BufRead) -> Vec<String> {
                        r.lines().flatten().collect()
                    }
                }
                """)).isEmpty();
    }
}
