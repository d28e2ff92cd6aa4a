package io.tripline.enrich.replay;

/** Tripline's version as packaged (jar manifest), for OCSF metadata; "dev" when run from classes. */
final class Versions {

    private Versions() {
    }

    static String current() {
        String version = Versions.class.getPackage().getImplementationVersion();
        return version == null ? "0.1.0-SNAPSHOT" : version;
    }
}
