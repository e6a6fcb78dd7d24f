package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.HIGH;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** US27: a safe fn running x86 intrinsics beyond the baseline with nothing establishing the CPU has them. */
class IntrinsicsWithoutFeatureTest {

    private final IntrinsicsWithoutFeature rule = new IntrinsicsWithoutFeature();

    private static final String FIXED = """
            #[target_feature(enable = "ssse3")]
            unsafe fn parse_eight_digits_ssse3(chars: &[u8]) -> u32 {
                unsafe {
                    let input = _mm_loadl_epi64(chars.as_ptr().cast::<__m128i>());
                    let t1 = _mm_maddubs_epi16(input, _mm_set1_epi8(10));
                    _mm_cvtsi128_si32(t1) as u32
                }
            }
            fn parse_eight_digits_unrolled(chars: &[u8]) -> u32 {
                if std::is_x86_feature_detected!("ssse3") {
                    return unsafe { parse_eight_digits_ssse3(chars) };
                }
                parse_eight_digits_swar(chars)
            }
            fn sum(a: __m128i, b: __m128i) -> __m128i {
                unsafe { _mm_add_epi32(a, b) }
            }
            """;

    /** simd-json's number parser with the fix (0662a83a) reversed. */
    private static final String BROKEN = """
            fn parse_eight_digits_unrolled(chars: &[u8]) -> u32 {
                unsafe {
                    let input = _mm_loadl_epi64(chars.as_ptr().cast::<__m128i>());
                    let t1 = _mm_maddubs_epi16(input, _mm_set1_epi8(10));
                    _mm_cvtsi128_si32(t1) as u32
                }
            }
            fn sum(a: __m128i, b: __m128i) -> __m128i {
                unsafe { _mm_add_epi32(a, b) }
            }
            """;

    @Test
    void aSafeFnCallingAnSsse3IntrinsicWithNoCheckIsReported() {
        List<Finding> f = RuleRun.on(rule, "src/numberparse.rs", RuleRun.diff(FIXED, BROKEN));
        // `_mm_add_epi32` is SSE2, which every x86_64 CPU has
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US27", HIGH, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo("safe fn `parse_eight_digits_unrolled` calls `_mm_maddubs_epi16` with no "
                + "target feature or CPU check");
    }

    @Test
    void aTargetFeatureARuntimeCheckOrACompileTimeGateIsNotReported() {
        assertThat(RuleRun.on(rule, "src/numberparse.rs", RuleRun.diff(BROKEN, FIXED))).isEmpty();
        String gated = "#[cfg(target_feature = \"ssse3\")]\n" + BROKEN;
        assertThat(RuleRun.on(rule, "src/numberparse.rs", RuleRun.diff(FIXED, gated))).isEmpty();
        String avx = BROKEN.replace("_mm_maddubs_epi16(input, _mm_set1_epi8(10))", "_mm256_castsi256_si128(_mm256_set1_epi8(1))");
        assertThat(RuleRun.on(rule, "src/numberparse.rs", RuleRun.diff(FIXED, avx))).hasSize(1);
    }
}
