package io.tripline.enrich.replay;

/** An input line or file that could not be read as a source record, with where it is and why. */
public record Unparseable(String location, String reason) {
}
