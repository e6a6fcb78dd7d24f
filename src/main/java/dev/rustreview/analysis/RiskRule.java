package dev.rustreview.analysis;

import dev.rustreview.model.Finding;
import java.util.List;

/** One rule (or small rule family member) of RISK-RULES.md. Implementations are stateless and thread-safe. */
public interface RiskRule {

    RuleInfo info();

    /**
     * Findings for code the change adds or makes risky in {@code file}. Rules for Rust syntax return
     * nothing when the file has no tree; rules for manifests and build files read the text instead.
     * Finding ids may be left null: the analyzer assigns stable ids.
     */
    List<Finding> check(ChangedFile file);
}
