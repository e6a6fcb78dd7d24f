package dev.rustreview.analysis.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.Snippet;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Precision check: an ordinary, well-written module must not light up above LOW. */
class BenignModuleTest {

    private static final String MODULE = """
            //! Order records and their wire format.

            use serde::{Deserialize, Serialize};
            use std::fmt;
            use std::str::FromStr;

            /// One line of an order.
            #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
            #[serde(rename_all = "camelCase")]
            pub struct OrderLine {
                pub sku: String,
                pub quantity: u32,
                #[serde(default)]
                pub note: Option<String>,
            }

            /// Where an order is in its life cycle.
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
            #[non_exhaustive]
            pub enum Status {
                #[default]
                Open,
                Shipped,
                Cancelled,
            }

            impl fmt::Display for Status {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    let text = match self {
                        Status::Open => "open",
                        Status::Shipped => "shipped",
                        Status::Cancelled => "cancelled",
                    };
                    f.write_str(text)
                }
            }

            impl FromStr for Status {
                type Err = ParseStatusError;

                fn from_str(s: &str) -> Result<Self, Self::Err> {
                    match s {
                        "open" => Ok(Status::Open),
                        "shipped" => Ok(Status::Shipped),
                        "cancelled" => Ok(Status::Cancelled),
                        other => Err(ParseStatusError(other.to_owned())),
                    }
                }
            }

            /// The text was not a known status.
            #[derive(Debug, thiserror::Error)]
            #[error("unknown status `{0}`")]
            pub struct ParseStatusError(String);

            impl OrderLine {
                /// A line for `quantity` items of `sku`.
                pub fn new(sku: impl Into<String>, quantity: u32) -> Self {
                    Self { sku: sku.into(), quantity, note: None }
                }

                /// Adds a note for the warehouse.
                pub fn with_note(mut self, note: impl Into<String>) -> Self {
                    self.note = Some(note.into());
                    self
                }

                /// The note, or an empty string.
                pub fn note(&self) -> &str {
                    self.note.as_deref().unwrap_or_default()
                }
            }

            /// Total number of items over all lines.
            pub fn total_quantity(lines: &[OrderLine]) -> u64 {
                lines.iter().map(|l| u64::from(l.quantity)).sum()
            }

            #[cfg(test)]
            mod tests {
                use super::*;

                #[test]
                fn status_round_trips() {
                    let s: Status = "shipped".parse().unwrap();
                    assert_eq!(s.to_string(), "shipped");
                    let line: OrderLine = serde_json::from_str(r#"{"sku":"A","quantity":2}"#).expect("valid json");
                    assert_eq!(line.note(), "");
                }
            }
            """;

    @Test
    void ordinaryModuleHasNothingAboveLow() {
        ChangedFile file = Snippet.of("src/order.rs", MODULE.lines().map(l -> "+ " + l + "\n")
                .reduce("", String::concat));
        List<Finding> findings = new ArrayList<>();
        for (RiskRule rule : SafetyApiBuildRules.all()) {
            findings.addAll(rule.check(file));
        }
        assertThat(findings).allSatisfy(f -> assertThat(f.severity()).as(f.ruleId() + " " + f.title()).isEqualTo(Severity.LOW));
        // The test-module unwraps are visible but low; the new pub items are low API additions.
        assertThat(findings).extracting(Finding::ruleId).contains("PN1", "AP1").doesNotContain("ER1", "PN2", "US1");
    }

    @Test
    void rulesAreListedInIdOrderWithCompleteInfo() {
        assertThat(SafetyApiBuildRules.all()).extracting(r -> r.info().id()).containsExactly("US1", "US2", "US3", "US4", "US5",
                "US6", "US7", "US8", "US9", "US10", "US11", "US12", "US13", "US14", "US15", "US16", "US17", "US18", "US19", "US20", "US21", "US22", "US23", "US24", "US25", "US26", "US27", "US28", "US29", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7", "PN8", "PN9", "PN10", "PN11", "PN12", "PN13", "PN14", "PN15", "PN16", "PN17", "PN18", "PN19", "PN20", "PN21", "PN22", "PN23", "PN24", "PN25", "PN26", "PN27", "PN28", "PN29", "PN30", "PN31", "PN32", "PN33", "PN34", "PN35", "PN36", "ER1", "ER2", "ER3", "ER4", "ER5", "ER6", "ER7", "ER8", "ER9", "ER10", "ER11", "ER12", "ER13", "ER14", "ER15", "ER16", "ER17", "ER18", "ER19", "ER20", "ER21", "ER22", "ER23", "ER24", "ER25", "ER26", "ER27", "ER28", "ER29", "ER30", "ER31", "ER32", "ER33", "ER34", "ER35", "ER36", "ER37", "ER38", "ER39", "ER40", "ER41", "ER42", "ER43", "ER44", "AP1", "AP2", "AP3", "AP4", "BD1", "BD2", "BD3", "BD4", "BD5", "SR1");
        assertThat(SafetyApiBuildRules.all()).allSatisfy(r -> {
            assertThat(r.info().catches()).isNotBlank().doesNotContain("\n");
            assertThat(r.info().cannotSee()).isNotBlank().doesNotContain("\n");
            assertThat(r.info().name()).isNotBlank();
        });
    }

    @Test
    void deeplyNestedExpressionsDoNotOverflowAnyRuleOrTheCategorizer() {
        String deep = "fn f(buf: &[u8], len: usize) -> u8 {\n    let i = " + "(".repeat(3000) + "len" + ")".repeat(3000)
                + ";\n    let s = " + "len + ".repeat(3000) + "len;\n    buf[" + "(".repeat(3000) + "len - 1"
                + ")".repeat(3000) + "]\n}\n";
        ChangedFile file = Snippet.added(deep);
        List<Finding> findings = new ArrayList<>();
        for (RiskRule rule : SafetyApiBuildRules.all()) {
            findings.addAll(rule.check(file));
        }
        assertThat(findings).extracting(Finding::ruleId).contains("PN2");
        assertThat(new dev.rustreview.analysis.Categorizer(dev.rustreview.analysis.GitAttributes.none())
                .categorize(List.of(file)).files().get(0).primary()).isEqualTo(dev.rustreview.model.Category.CORE_LOGIC);
    }
}
