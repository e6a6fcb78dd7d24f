package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CC46: a taken waker no longer put back. */
class WakerNotRestoredTest {

    private final WakerNotRestored rule = new WakerNotRestored();

    /** lunatic's MessageMailbox::push with its fix (70d723f0) reversed. */
    private static final String PUSH = """
              impl MessageMailbox {
                  pub fn push(&self, message: Message) {
                      let mut mailbox = self.inner.lock().expect("only accessed by one process");
                      if let Some(waker) = mailbox.waker.take() {
                          let tags = mailbox.tags.take();
                          if tags.map_or(true, |tags| tags.contains(&message.tag())) {
                              mailbox.found = Some(message);
                              waker.wake();
                              return;
            -             } else {
            -                 mailbox.waker = Some(waker);
                          }
                      }
                      mailbox.messages.push_back(message);
                  }
              }
            """;

    @Test
    void aWakerNoLongerStoredBackIsReported() {
        List<Finding> f = RuleRun.on(rule, "src/mailbox.rs", PUSH);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC46", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo(
                "`mailbox.waker.take()` in `push` no longer puts `waker` back when it does not wake it");
    }

    @Test
    void aWakerStillStoredBackWokenEverywhereOrAnotherValueIsNotReported() {
        assertThat(RuleRun.on(rule, "src/mailbox.rs", PUSH.replace("-             }", "+             }")
                .replace("-                 mailbox.waker", "+                 mailbox.waker"))).isEmpty();
        // the put-back moved after the branch
        assertThat(RuleRun.on(rule, "src/mailbox.rs", PUSH.replace("          mailbox.messages.push_back(message);",
                "          mailbox.messages.push_back(message);\n+         mailbox.waker.replace(waker);"))).isEmpty();
        // not a waker
        assertThat(RuleRun.on(rule, "src/mailbox.rs", PUSH.replace("mailbox.waker = Some(waker);", "mailbox.tags = Some(tags);")))
                .isEmpty();
    }
}
