package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PN13: {@code copy_from_slice} between ranges of different lengths, which panics. */
class CopyLengthMismatchTest {

    private final CopyLengthMismatch rule = new CopyLengthMismatch();

    /** async-std's file read with its fix (d60e7cc) reversed. */
    private static final String READ = """
              impl Read for File {
                  fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut [u8]) -> Poll<io::Result<usize>> {
                      let start = self.cache_pos;
                      let n = cmp::min(buf.len(), self.cache.len() - start);
            -         buf[..n].copy_from_slice(&self.cache[start..(start + n)]);
            +         buf[..n].copy_from_slice(&self.cache[start..n]);
                      Poll::Ready(Ok(n))
                  }
              }
            """;

    /** grpc-rs's message reader with its fix (d0808608c) reversed. */
    private static final String MESSAGE = """
              impl Read for MessageReader {
                  fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                      let bytes = self.pending_bytes();
                      let amt = cmp::min(buf.len(), bytes.len());
                      if amt == 1 {
                          buf[0] = bytes[0];
                      } else {
            -             buf[..amt].copy_from_slice(&bytes[..amt]);
            +             buf[..amt].copy_from_slice(bytes);
                      }
                      Ok(amt)
                  }
              }
            """;

    @Test
    void aSourceRangeThatForgetsItsStartIsReported() {
        List<Finding> f = RuleRun.on(rule, "src/fs/file.rs", READ);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN13", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).isEqualTo("`copy_from_slice` into `buf` from a slice of another length");
        assertThat(f.get(0).explanation()).contains("`buf[..n]` has length `n` and `self.cache[start..n]` has length `n-start`");
    }

    @Test
    void aSourceRangeDroppedWhileTheDestinationKeepsItsRangeIsReported() {
        List<Finding> f = RuleRun.on(rule, "src/call/mod.rs", MESSAGE);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN13", MEDIUM, NEW, 8, 8));
    }

    @Test
    void rangesOfTheSameLengthOpenRangesAndTestsAreNotReported() {
        // the fixed line: start..start + n is n long
        assertThat(RuleRun.on(rule, "src/fs/file.rs", READ.replace("+         buf[..n].copy_from_slice(&self.cache[start..n]);",
                "+         buf[..n].copy_from_slice(&self.cache[start..start + n]);"))).isEmpty();
        // number ranges of the same length written from different starts
        assertThat(RuleRun.on(rule, "src/fs/file.rs", READ.replace("+         buf[..n].copy_from_slice(&self.cache[start..n]);",
                "+         buf[4..8].copy_from_slice(&self.cache[0..4]);"))).isEmpty();
        // a range open at its end is not compared
        assertThat(RuleRun.on(rule, "src/fs/file.rs", READ.replace("+         buf[..n].copy_from_slice(&self.cache[start..n]);",
                "+         buf[..n].copy_from_slice(&self.cache[start..]);"))).isEmpty();
        // in a test fn
        assertThat(RuleRun.on(rule, "src/fs/file.rs", READ.replace("      fn poll_read", "      #[test]\n      fn poll_read")))
                .isEmpty();
        // the source's range moved to a binding of the same name: a different source is copied whole
        assertThat(RuleRun.on(rule, "src/call/mod.rs", MESSAGE.replace("+             buf[..amt].copy_from_slice(bytes);",
                "+             buf[..amt].copy_from_slice(head);"))).isEmpty();
    }

    /** regex-automata's onepass try_search_slots with its fix (4733e28ba) reversed. */
    private static final String SLOTS = """
              impl DFA {
                  fn try_search_slots(&self, cache: &mut Cache, slots: &mut [Option<NonMaxUsize>]) -> Option<PatternID> {
                      let pid = self.search_imp(cache, slots)?;
                      if self.explicit_slot_start < slots.len() {
            -             let cache_slots = cache.explicit_slots();
            -             slots[self.explicit_slot_start..][..cache_slots.len()]
            -                 .copy_from_slice(cache_slots);
            +             slots[self.explicit_slot_start..]
            +                 .copy_from_slice(cache.explicit_slots());
                      }
                      Some(pid)
                  }
              }
            """;

    @Test
    void anOpenDestinationNoLongerCutToTheSourcesLength() {
        List<Finding> f = RuleRun.on(rule, "regex-automata/src/dfa/onepass.rs", SLOTS);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN13", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).isEqualTo(
                "`copy_from_slice` into `slots[self.explicit_slot_start..]` no longer cut to the source's length");
    }

    @Test
    void aDestinationThatKeepsItsCutOrHasABoundedRangeIsNotThisShape() {
        // the cut kept in another spelling; a destination whose range has a length is compared by the other shapes
        assertThat(RuleRun.on(rule, "regex-automata/src/dfa/onepass.rs", SLOTS.replace(
                "+             slots[self.explicit_slot_start..]\n", "+             slots[self.explicit_slot_start..][..cache.explicit_slots().len()]\n")))
                .isEmpty();
        assertThat(RuleRun.on(rule, "regex-automata/src/dfa/onepass.rs", SLOTS
                .replace("slots[self.explicit_slot_start..][..cache_slots.len()]", "slots[0..n][..cache_slots.len()]")
                .replace("+             slots[self.explicit_slot_start..]\n", "+             slots[0..n]\n")))
                .isEmpty();
        // another destination
        assertThat(RuleRun.on(rule, "regex-automata/src/dfa/onepass.rs", SLOTS.replace(
                "+             slots[self.explicit_slot_start..]\n", "+             spare[self.explicit_slot_start..]\n")))
                .isEmpty();
    }

    @Test
    void lengthsAreReadFromTheRangeText() {
        assertThat(CopyLengthMismatch.length("..n")).isEqualTo("n");
        assertThat(CopyLengthMismatch.length("0..n")).isEqualTo("n");
        assertThat(CopyLengthMismatch.length("pos .. (pos + len)")).isEqualTo("len");
        assertThat(CopyLengthMismatch.length("a..b")).isEqualTo("b-a");
        assertThat(CopyLengthMismatch.length("2..=5")).isEqualTo("4");
        assertThat(CopyLengthMismatch.length("a..")).isNull();
        assertThat(CopyLengthMismatch.length("i")).isNull();
    }

    /** boringtun's RateLimiter::format_cookie_reply with its fix (2a42e9ba) reversed. */
    private static final String COOKIE = """
              impl RateLimiter {
                  fn format_cookie_reply<'a>(&self, idx: u32, cookie: [u8; 16], dst: &'a mut [u8]) -> Result<&'a mut [u8], WireGuardError> {
                      let (encrypted_cookie, rest) = dst.split_at_mut(32);
            -         encrypted_cookie[..16].copy_from_slice(&cookie);
            +         encrypted_cookie.copy_from_slice(&cookie);
                      let tag = seal(&mut encrypted_cookie[..16])?;
                      Ok(rest)
                  }
              }
            """;

    @Test
    void aDestinationThatLostItsRangeWhileTheSourceStayed() {
        List<Finding> f = RuleRun.on(rule, "boringtun/src/noise/rate_limiter.rs", COOKIE);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN13", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo("`copy_from_slice` into all of `encrypted_cookie` where it filled `encrypted_cookie[..16]`");
        // the fix direction; another source; a range of unknown length (`a..`); another destination
        assertThat(RuleRun.on(rule, "src/r.rs", COOKIE.replace("-         encrypted_cookie[..16]", "+         encrypted_cookie[..16]")
                .replace("+         encrypted_cookie.copy", "-         encrypted_cookie.copy"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/r.rs", COOKIE.replace("encrypted_cookie.copy_from_slice(&cookie)",
                "encrypted_cookie.copy_from_slice(&sealed)"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/r.rs", COOKIE.replace("encrypted_cookie[..16].copy_from_slice",
                "encrypted_cookie[at..].copy_from_slice"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/r.rs", COOKIE.replace("+         encrypted_cookie.copy_from_slice",
                "+         tag_out.copy_from_slice"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/r.rs", COOKIE.replace("+         encrypted_cookie.copy_from_slice",
                "+         slots[1].encrypted_cookie.copy_from_slice"))).isEmpty();
    }
}
