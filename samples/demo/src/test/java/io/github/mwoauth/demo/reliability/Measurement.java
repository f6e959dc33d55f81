package io.github.mwoauth.demo.reliability;

/** A disruption measured under the scale-out load: its line of the results table, and its targets checked. */
interface Measurement {

    /** The line of the results table for {@code check}, printed with its first failures. */
    String row(String check);

    /** Fails unless every target of docs/RELIABILITY.md for this disruption was met. */
    void assertTargets();
}
