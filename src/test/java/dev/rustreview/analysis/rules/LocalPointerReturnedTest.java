package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** US23: a pointer to a local buffer stored in the value the fn returns. */
class LocalPointerReturnedTest {

    private final LocalPointerReturned rule = new LocalPointerReturned();

    /** esp-idf-svc's esp_tls_cfg conversion with its fix (a909b7a2) reversed. */
    private static final String TLS = """
              impl<'a> TryFrom<&'a Config<'a>> for RawConfig {
                  type Error = EspError;
                  fn try_from(cfg: &'a Config<'a>) -> Result<Self, EspError> {
                      let mut rcfg: Self = Default::default();
            -         if let Some(protos) = cfg.alpn_protos {
            -             bufs.alpn_protos = cstr_arr_from_str_slice(protos, &mut bufs.alpn_protos_cbuf)?;
            -         }
            +         let mut alpn_protos_cbuf = [0u8; 99];
            +         if let Some(common_name) = cfg.common_name {
            +             rcfg.common_name = cstr_from_str_truncating(common_name, &mut alpn_protos_cbuf).as_ptr();
            +         }
                      rcfg.non_block = cfg.non_block;
                      Ok(rcfg)
                  }
              }
            """;

    @Test
    void aPointerIntoALocalArrayStoredInTheReturnedValueIsReported() {
        List<Finding> f = RuleRun.on(rule, "src/tls.rs", TLS);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US23", MEDIUM, NEW, 7, 7));
        assertThat(f.get(0).title()).isEqualTo("`rcfg` returned holding a pointer into the local `alpn_protos_cbuf` of `try_from`");
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/tls.rs", TLS.replace(
                "cstr_from_str_truncating(common_name, &mut alpn_protos_cbuf).as_ptr()", "alpn_protos_cbuf.as_ptr()"))))
                .containsExactly(tuple("US23", MEDIUM, NEW, 7, 7));
        // the assignment's first line unchanged, the pointer on the added line under it (as rustfmt splits it)
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/tls.rs", TLS.replace(
                "+             rcfg.common_name = cstr_from_str_truncating(common_name, &mut alpn_protos_cbuf).as_ptr();",
                "              rcfg.common_name =\n+                 cstr_from_str_truncating(common_name, &mut alpn_protos_cbuf).as_ptr();"))))
                .containsExactly(tuple("US23", MEDIUM, NEW, 7, 7));
    }

    @Test
    void aBufferOfTheCallerAValueNotReturnedOrAPointerPassedOnIsNotReported() {
        // the buffer belongs to a holder the caller keeps
        assertThat(RuleRun.on(rule, "src/tls.rs", TLS.replace("&mut alpn_protos_cbuf", "&mut bufs.common_name_buf"))).isEmpty();
        // the struct is used here and not returned
        assertThat(RuleRun.on(rule, "src/tls.rs", TLS.replace("Ok(rcfg)", "connect(&rcfg)"))).isEmpty();
        // the pointer handed straight to a call
        assertThat(RuleRun.on(rule, "src/tls.rs", TLS.replace(
                "rcfg.common_name = cstr_from_str_truncating(common_name, &mut alpn_protos_cbuf).as_ptr();",
                "set_name(cstr_from_str_truncating(common_name, &mut alpn_protos_cbuf).as_ptr());"))).isEmpty();
    }
}
