package io.github.mwoauth.http;

import java.util.Objects;

/** One request parameter, as a decoded name and value. Names may repeat in a request. */
public record Parameter(String name, String value) {

    public Parameter {
        Objects.requireNonNull(name, "name cannot be null");
        Objects.requireNonNull(value, "value cannot be null");
    }

    public static Parameter of(String name, String value) {
        return new Parameter(name, value);
    }
}
