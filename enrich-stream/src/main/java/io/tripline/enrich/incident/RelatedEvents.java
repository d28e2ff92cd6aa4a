package io.tripline.enrich.incident;

import java.util.List;

import io.tripline.enrich.ocsf.JsonText;

/**
 * One member's entries of an incident's OCSF {@code finding_info.related_events}, one per evidence uid, rendered
 * as JSON text once per member version ({@link MemberFacts}) rather than once per published version, with each
 * uid's hash at hand for {@link #write}.
 */
final class RelatedEvents {

    private final String[] uids;
    private final int[] hashes;
    private final String[] texts;

    private RelatedEvents(String[] uids, int[] hashes, String[] texts) {
        this.uids = uids;
        this.hashes = hashes;
        this.texts = texts;
    }

    /** The entries a member gives, before those of earlier members are left out. */
    static RelatedEvents of(Signal member) {
        String type = Signal.EVENT.equals(member.kind()) || Signal.DETECTION.equals(member.kind()) ? "CloudTrail" : member.source();
        List<String> evidence = member.evidence();
        String[] uids = evidence.toArray(new String[0]);
        int[] hashes = new int[uids.length];
        String[] texts = new String[uids.length];
        for (int i = 0; i < uids.length; i++) {
            hashes[i] = uids[i].hashCode();
            StringBuilder out = new StringBuilder(128).append("{\"uid\":");
            JsonText.string(out, uids[i]);
            out.append(",\"type\":");
            JsonText.string(out, type);
            if (!uids[i].equals(member.id())) {
                out.append(",\"product_uid\":");
                JsonText.string(out, member.id());
            }
            texts[i] = out.append('}').toString();
        }
        return new RelatedEvents(uids, hashes, texts);
    }

    /**
     * The elements of {@code related_events} (without the brackets): every member's entries in member order, each
     * uid once, named by the first member citing it.
     */
    static void write(StringBuilder out, List<RelatedEvents> members) {
        Written written = new Written(members.size());
        boolean first = true;
        for (RelatedEvents member : members) {
            for (int i = 0; i < member.uids.length; i++) {
                if (written.add(member.uids[i], member.hashes[i])) {
                    out.append(first ? "" : ",").append(member.texts[i]);
                    first = false;
                }
            }
        }
    }

    /**
     * The uids written so far: an open-addressing set on the hashes kept with the entries, so that telling whether
     * a uid was written touches the uid itself only when another one has the same hash. A HashSet of the uids,
     * reading each one's hash from the uid for every version, was half of the incident OCSF's time.
     */
    private static final class Written {

        private String[] uids;
        private int[] hashes;
        private int size;

        Written(int expected) {
            int capacity = Integer.highestOneBit(Math.max(16, expected * 4) - 1) << 1;
            uids = new String[capacity];
            hashes = new int[capacity];
        }

        /** Adds a uid; false when it was already there. */
        boolean add(String uid, int hash) {
            if (2 * (size + 1) > uids.length) {
                grow();
            }
            int mask = uids.length - 1;
            for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
                if (uids[slot] == null) {
                    uids[slot] = uid;
                    hashes[slot] = hash;
                    size++;
                    return true;
                }
                if (hashes[slot] == hash && uids[slot].equals(uid)) {
                    return false;
                }
            }
        }

        private void grow() {
            String[] oldUids = uids;
            int[] oldHashes = hashes;
            uids = new String[oldUids.length * 2];
            hashes = new int[oldUids.length * 2];
            size = 0;
            for (int i = 0; i < oldUids.length; i++) {
                if (oldUids[i] != null) {
                    add(oldUids[i], oldHashes[i]);
                }
            }
        }

        /** Mixes the hash's high bits into the low ones the mask keeps. */
        private static int spread(int hash) {
            int mixed = hash * 0x9E3779B9;
            return mixed ^ (mixed >>> 16);
        }
    }
}
