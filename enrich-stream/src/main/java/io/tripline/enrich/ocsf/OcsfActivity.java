package io.tripline.enrich.ocsf;

/** OCSF Detection Finding activities. */
public enum OcsfActivity {
    CREATE(1, "Create"), UPDATE(2, "Update"), CLOSE(3, "Close");

    private final int id;
    private final String caption;

    OcsfActivity(int id, String caption) {
        this.id = id;
        this.caption = caption;
    }

    public int id() {
        return id;
    }

    public String caption() {
        return caption;
    }
}
