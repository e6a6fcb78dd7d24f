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
 * US27: a safe fn that runs x86 intrinsics beyond the target's baseline with nothing establishing the CPU has them.
 * {@code fn parse_eight_digits_unrolled} called {@code _mm_maddubs_epi16} (SSSE3) with no
 * {@code #[target_feature(enable = "ssse3")]} and no {@code is_x86_feature_detected!}: on a CPU without SSSE3 the
 * process dies with SIGILL, and the compiler may miscompile the call, both reached from safe code. simd-json
 * 0662a83a reversed.
 */
public final class IntrinsicsWithoutFeature implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("US27", RiskArea.UNSAFE, Severity.HIGH,
            "CPU intrinsics without a feature check",
            "A non-test fn that is not `unsafe fn` and has no `#[target_feature(..)]`, in a file with no "
                    + "`cfg(target_feature ..)`, whose lines the change adds or edits, calls an x86 intrinsic beyond the "
                    + "SSE2 baseline (`_mm256_*`, `_mm512_*`, SSSE3 `_mm_shuffle_epi8`/`_mm_maddubs_epi16`, SSE4.1 "
                    + "`_mm_blendv_*`/`_mm_packus_epi32`, SSE4.2 `_mm_cmpistr*`/`_mm_crc32_*`, `_popcnt*`, `_pdep`/"
                    + "`_pext`, `_lzcnt`/`_tzcnt`) and does not test `is_x86_feature_detected!` itself.",
            "It reads one fn: a check made by every caller, or a build that always sets `-C target-cpu`, is not seen.");

    private static final Pattern INTRINSIC = Pattern.compile("\\b(_mm256_\\w+|_mm512_\\w+|_mm_(?:maddubs_epi16|shuffle_epi8"
            + "|hadd_epi(?:16|32)|hsub_epi(?:16|32)|alignr_epi8|sign_epi(?:8|16|32)|mulhrs_epi16|abs_epi(?:8|16|32)"
            + "|packus_epi32|blendv_\\w+|blend_\\w+|extract_epi(?:8|32|64)|insert_epi(?:8|32|64)|mullo_epi32|testz_si128"
            + "|cvtep[iu](?:8|16|32)_\\w+|cmpestr\\w*|cmpistr\\w*|crc32_\\w+|min_ep[iu](?:8|32)|max_ep[iu](?:8|32)"
            + "|min_epu16|max_epu16|minpos_epu16|dp_p[sd]|round_\\w+|floor_\\w+|ceil_\\w+)|_popcnt(?:32|64)"
            + "|_pdep_u(?:32|64)|_pext_u(?:32|64)|_lzcnt_u(?:32|64)|_tzcnt_u(?:32|64))\\s*\\(");
    private static final Pattern UNSAFE_FN = Pattern.compile("\\bunsafe\\s+(?:extern\\s*(?:\"[^\"]*\")?\\s*)?fn\\b");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.newText() == null || !file.newText().contains("_mm") && !file.newText().contains("_p")
                || file.newText().contains("cfg(target_feature") || file.newText().contains("cfg!(target_feature")) {
            return out;
        }
        ItemOutline after = ItemOutline.after(file);
        for (ItemOutline.Item fn : ItemOutline.changedFns(file)) {
            if (out.size() >= 8) {
                break;
            }
            if (fn.header().contains("target_feature") || UNSAFE_FN.matcher(fn.header()).find()) {
                continue;
            }
            String body = after.body(fn);
            Matcher m = INTRINSIC.matcher(body);
            if (!m.find() || body.contains("is_x86_feature_detected")) {
                continue;
            }
            int line = after.line(fn.bodyStart() + m.start());
            out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                    .object(fn.name()).object(m.group(1))
                    .title("safe fn `" + fn.name() + "` calls `" + m.group(1) + "` with no target feature or CPU check")
                    .explanation("`" + m.group(1) + "` needs a CPU feature beyond what every x86 target has, and nothing "
                            + "establishes it here: `" + fn.name() + "` is safe, has no `#[target_feature(enable = ..)]`, "
                            + "and tests no `is_x86_feature_detected!`. On a CPU without the feature the program dies "
                            + "with an illegal instruction, and without the attribute the compiler may lower the call "
                            + "wrongly: undefined behaviour reached from safe code.")
                    .check("Put the intrinsics in an `unsafe fn` with `#[target_feature(enable = \"..\")]` and call it "
                            + "only after `is_x86_feature_detected!` (with a portable fallback), or gate it with "
                            + "`#[cfg(target_feature = \"..\")]`.")
                    .build());
        }
        return out;
    }
}
