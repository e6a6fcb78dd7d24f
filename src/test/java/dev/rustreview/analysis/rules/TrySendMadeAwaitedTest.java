package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AL38: a non-blocking send made a send the task awaits. */
class TrySendMadeAwaitedTest {

    private final TrySendMadeAwaited rule = new TrySendMadeAwaited();

    /** russh's session loop with its fix (8717093d) reversed. */
    private static final String WINDOW = """
              impl Session {
                  async fn handle_window_adjust(&mut self, channel_num: ChannelId, new_size: u32) -> Result<(), Error> {
                      if let Some(chan) = self.channels.get(&channel_num) {
                          chan.window_size().update(new_size).await;
            -             let _ = chan.try_send(ChannelMsg::WindowAdjusted { new_size });
            +             chan.send(ChannelMsg::WindowAdjusted { new_size })
            +                 .await
            +                 .unwrap_or(())
                      }
                      Ok(())
                  }
              }
            """;

    @Test
    void aTrySendMadeAnAwaitedSendIsReported() {
        List<Finding> f = RuleRun.on(rule, "russh/src/server/encrypted.rs", WINDOW);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL38", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).isEqualTo(
                "`chan.send(..).await` replaces `try_send` in `handle_window_adjust`: the task now waits for room");
    }

    @Test
    void theFixAnotherMessageAndAnUnawaitedSendAreQuiet() {
        assertThat(RuleRun.on(rule, "src/lib.rs", WINDOW.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-")
                .replaceAll("(?m)^@", "+"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/lib.rs", WINDOW.replace("+             chan.send(ChannelMsg::WindowAdjusted { new_size })",
                "+             chan.send(ChannelMsg::Eof)"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/lib.rs", WINDOW.replace("+                 .await\n", ""))).isEmpty();
    }
}
