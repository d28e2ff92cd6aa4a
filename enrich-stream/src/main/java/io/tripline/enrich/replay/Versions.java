package io.tripline.enrich.replay;

/**
 * Tripline's version for OCSF metadata: the jar manifest's, else the project version. The live application
 * and replay take it from here, so the same input gives the same OCSF bytes in both.
 */
public final class Versions {

    private Versions() {
    }

    public static String current() {
        String version = Versions.class.getPackage().getImplementationVersion();
        return version == null ? "0.1.0-SNAPSHOT" : version;
    }
}
