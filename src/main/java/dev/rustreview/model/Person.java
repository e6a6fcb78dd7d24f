package dev.rustreview.model;

import java.time.OffsetDateTime;

/** An author or committer identity with the time and zone git recorded for it. */
public record Person(String name, String email, OffsetDateTime when) {
    /** {@code Name <email>}, the way git prints an identity. */
    public String display() {
        return name + " <" + email + ">";
    }
}
