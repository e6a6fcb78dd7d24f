package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * US29: the step that aligned a byte buffer removed from a fn that still reinterprets it as wider elements
 * ({@code slice::from_raw_parts::<f32>(data.as_ptr() as _, data.len() / 4)}). A {@code Vec<u8>}'s pointer need
 * not be 4-aligned, and a {@code &[f32]} at a misaligned address is undefined behaviour (a crash on some
 * targets, a debug assertion in recent std). rustdesk 74dd0c8f reversed: the audio capture dropped
 * {@code align_to_32(data)} before reading PulseAudio's bytes as {@code f32} samples.
 */
public final class AlignmentStepRemoved implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("US29", RiskArea.UNSAFE, Severity.HIGH, "alignment removed before a reinterpreting cast",
            "In a non-test fn that stays, the change removes a line that calls something named `*align*` (`align_to_32(..)`, "
                    + "`aligned_vec(..)`, `align_offset(..)`), and the fn after the change still builds a slice of a "
                    + "type wider than a byte from a raw pointer (`from_raw_parts::<f32>(..)`, `from_raw_parts(p as *const "
                    + "u32, ..)`) and mentions alignment nowhere.",
            "It reads names: an alignment guaranteed by the buffer's type (a `Vec<f32>` viewed as bytes and back) "
                    + "or checked in a helper the fn calls is not seen.",
            "cast_ptr_alignment");

    private static final Pattern ALIGN_CALL = Pattern.compile("(?<![\\w])\\w*align\\w*\\s*(?:::\\s*<[^>]{1,40}>\\s*)?\\(");
    private static final String WIDE = "(?:f32|f64|u16|u32|u64|u128|i16|i32|i64|i128|usize|isize)";
    private static final Pattern REINTERPRET = Pattern.compile("from_raw_parts(?:_mut)?\\s*(?:::\\s*<\\s*" + WIDE
            + "\\s*>\\s*\\(|\\([^;]{0,120}?as\\s*\\*\\s*(?:const|mut)\\s+" + WIDE + "\\b)");
    private static final Pattern ALIGN_WORD = Pattern.compile("(?i)align");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.oldText() == null || file.newText() == null || file.isTestPath()
                || !file.oldText().contains("align") || !file.newText().contains("from_raw_parts")) {
            return out;
        }
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String newBody = pair.newBody();
            if (ALIGN_WORD.matcher(newBody).find() || !REINTERPRET.matcher(newBody).find()) {
                continue;
            }
            String removedAlign = null;
            for (PanickingTwinAdded.Line r : PanickingTwinAdded.lines(pair.before(), pair.was(), file::removed)) {
                Matcher m = ALIGN_CALL.matcher(r.text());
                if (m.find()) {
                    removedAlign = r.text().strip();
                    break;
                }
            }
            if (removedAlign == null) {
                continue;
            }
            Matcher use = REINTERPRET.matcher(newBody);
            use.find();
            int line = pair.after().line(pair.now().bodyStart() + use.start());
            String fn = pair.now().name();
            out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                    .object(fn).object("alignment removed")
                    .title("`" + fn + "` reinterprets a buffer as wider elements without the alignment step it had")
                    .explanation("The change removes `" + RuleSupport.shorten(removedAlign) + "`, and `" + fn + "` still "
                            + "makes a slice of wider elements from a raw pointer. A byte buffer's pointer is only "
                            + "guaranteed 1-aligned; a slice of `f32`/`u32` at a misaligned address is undefined "
                            + "behaviour, whatever the data.")
                    .check("Keep the alignment step, check `ptr.align_offset(align_of::<T>()) == 0` first, or copy the "
                            + "bytes out with `from_le_bytes`/`bytemuck::pod_read_unaligned`.")
                    .build());
        }
        return out;
    }
}
