package dev.rustreview.analysis.crate;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A crate's Rust edition, read from its {@code Cargo.toml}; it decides some temporary lifetimes. */
public enum Edition {
    E2015, E2018, E2021, E2024;

    private static final Pattern EDITION = Pattern.compile("(?m)^\\s*edition\\s*=\\s*\"(\\d{4})\"");
    private static final Pattern INHERITED = Pattern.compile("(?m)^\\s*edition\\s*(\\.\\s*workspace\\s*=\\s*true|=\\s*\\{\\s*workspace\\s*=\\s*true)");

    /** Edition 2024 drops the temporaries of an {@code if let} scrutinee before the {@code else} block. */
    public boolean dropsIfLetScrutineeBeforeElse() {
        return this == E2024;
    }

    /**
     * The edition a package manifest names; {@code edition.workspace = true} takes {@code workspace}'s
     * (the root manifest, may be null); a manifest without one is 2015, as Cargo reads it.
     */
    public static Edition of(String manifest, String workspace) {
        if (manifest == null) {
            return E2021;
        }
        if (INHERITED.matcher(manifest).find()) {
            return workspace == null ? E2021 : of(workspace, null);
        }
        Matcher m = EDITION.matcher(manifest);
        if (!m.find()) {
            return manifest.contains("[package]") ? E2015 : E2021;
        }
        return switch (m.group(1)) {
            case "2015" -> E2015;
            case "2018" -> E2018;
            case "2024" -> E2024;
            default -> E2021;
        };
    }
}
