package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ER35: a panic hook installed without the hook it replaces. */
class PanicHookReplacedTest {

    private final PanicHookReplaced rule = new PanicHookReplaced();

    /** pgrx fd4e0e4f reversed: panics off the main thread no longer reach the default hook. */
    private static final String HOOK = """
              pub fn register_pg_guard_panic_hook() {
            -     let default_hook = std::panic::take_hook();
            -     std::panic::set_hook(Box::new(move |info: _| {
            -         if is_os_main_thread() == Some(true) {
            -             PANIC_LOCATION.with(|l| l.replace(Some(info.into())));
            -         } else {
            -             default_hook(info)
            -         }
            -     }))
            +     std::panic::set_hook(Box::new(|info| {
            +         PANIC_LOCATION.with(|l| l.replace(Some(info.into())));
            +     }))
              }
            """;

    @Test
    void theTakenHookRemoved() {
        List<Finding> f = RuleRun.on(rule, "pgrx-pg-sys/src/submodules/panic.rs", HOOK);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER35", MEDIUM, NEW, 2, 2));
        assertThat(f.get(0).title()).isEqualTo("`register_pg_guard_panic_hook` installs a panic hook without the previous one");
        assertThat(RuleRun.on(rule, "src/panic.rs", HOOK.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-")
                .replaceAll("(?m)^@", "+"))).isEmpty();
    }

    @Test
    void aNewHookWithoutTheOldIsReportedAndAnUntouchedOneOrTestCodeIsNot() {
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/main.rs", """
                  fn main() {
                +     std::panic::set_hook(Box::new(|_| eprintln!("crashed")));
                      run();
                  }
                """))).containsExactly(tuple("ER35", MEDIUM, NEW, 2, 2));
        assertThat(RuleRun.on(rule, "src/main.rs", """
                  fn main() {
                      std::panic::set_hook(Box::new(|_| eprintln!("crashed")));
                -     run_old();
                +     run();
                  }
                """)).isEmpty();
        assertThat(RuleRun.on(rule, "src/main.rs", """
                  #[cfg(test)]
                  mod tests {
                      #[test]
                      fn quiet() {
                +         std::panic::set_hook(Box::new(|_| {}));
                          assert!(std::panic::catch_unwind(|| panic!()).is_err());
                      }
                  }
                """)).isEmpty();
    }
}
