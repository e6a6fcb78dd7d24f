package dev.rustreview.model;

/** The risk areas of RISK-RULES.md: where agents are confidently wrong. */
public enum RiskArea {
    ASYNC_LIFETIMES("async-lifetimes"),
    SHARED_STATE("shared-state"),
    CONCURRENCY("concurrency"),
    UNSAFE("unsafe"),
    PANICS("panics"),
    ERRORS("errors"),
    API("api"),
    BUILD("build"),
    SOURCE("source");

    private final String id;

    RiskArea(String id) {
        this.id = id;
    }

    /** The area's id as written in the rules table ({@code async-lifetimes}). */
    public String id() {
        return id;
    }
}
