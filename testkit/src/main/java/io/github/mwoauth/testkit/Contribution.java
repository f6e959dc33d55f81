package io.github.mwoauth.testkit;

import java.time.Instant;
import java.util.Objects;

/** One edit by a user, as {@code list=usercontribs} reports it. */
public record Contribution(String title, long revid, Instant timestamp, String comment) {

    public Contribution {
        Objects.requireNonNull(title, "title cannot be null");
        Objects.requireNonNull(timestamp, "timestamp cannot be null");
        Objects.requireNonNull(comment, "comment cannot be null");
    }
}
