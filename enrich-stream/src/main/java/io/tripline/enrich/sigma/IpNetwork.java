package io.tripline.enrich.sigma;

/**
 * An IPv4 or IPv6 network for the {@code |cidr} modifier.
 *
 * <p>Parses addresses by hand on purpose: {@code InetAddress.getByName} falls back to a DNS
 * lookup for anything that is not a literal, which would make matching slow and
 * non-deterministic on hostnames such as {@code AWS Internal}.
 */
final class IpNetwork {

    private final byte[] network;
    private final int prefix;

    private IpNetwork(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    /** Parses {@code a.b.c.d/n} or {@code x:y::z/n}; a bare address is a host network. */
    static IpNetwork parse(String cidr) {
        String text = cidr.trim();
        int slash = text.indexOf('/');
        byte[] address = parseAddress(slash < 0 ? text : text.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("not a CIDR network: " + cidr);
        }
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad CIDR prefix: " + cidr, e);
            }
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("bad CIDR prefix: " + cidr);
        }
        return new IpNetwork(address, prefix);
    }

    /** Whether the address (4 or 16 bytes) lies in this network; other families never match. */
    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (address[full] & mask) == (network[full] & mask);
    }

    /** Parses a literal IPv4 or IPv6 address (zone ids dropped); {@code null} if it is not one. */
    static byte[] parseAddress(String text) {
        if (text.isEmpty()) {
            return null;
        }
        if (text.indexOf(':') >= 0) {
            int zone = text.indexOf('%');
            return parseV6(zone >= 0 ? text.substring(0, zone) : text);
        }
        return parseV4(text);
    }

    private static byte[] parseV4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static byte[] parseV6(String text) {
        String body = text;
        byte[] tailV4 = null;
        int lastColon = body.lastIndexOf(':');
        if (body.indexOf('.', lastColon) > 0) {
            tailV4 = parseV4(body.substring(lastColon + 1));
            if (tailV4 == null) {
                return null;
            }
            body = body.substring(0, lastColon + 1) + "0:0";
        }
        int doubleColon = body.indexOf("::");
        if (doubleColon >= 0 && body.indexOf("::", doubleColon + 1) >= 0) {
            return null;
        }
        String[] head;
        String[] tail;
        if (doubleColon >= 0) {
            String h = body.substring(0, doubleColon);
            String t = body.substring(doubleColon + 2);
            head = h.isEmpty() ? new String[0] : h.split(":", -1);
            tail = t.isEmpty() ? new String[0] : t.split(":", -1);
            if (head.length + tail.length > 7) {
                return null;
            }
        } else {
            head = body.split(":", -1);
            tail = new String[0];
            if (head.length != 8) {
                return null;
            }
        }
        int[] groups = new int[8];
        for (int i = 0; i < head.length; i++) {
            int g = group(head[i]);
            if (g < 0) {
                return null;
            }
            groups[i] = g;
        }
        for (int i = 0; i < tail.length; i++) {
            int g = group(tail[i]);
            if (g < 0) {
                return null;
            }
            groups[8 - tail.length + i] = g;
        }
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[2 * i] = (byte) (groups[i] >> 8);
            out[2 * i + 1] = (byte) groups[i];
        }
        if (tailV4 != null) {
            System.arraycopy(tailV4, 0, out, 12, 4);
        }
        return out;
    }

    private static int group(String hex) {
        if (hex.isEmpty() || hex.length() > 4) {
            return -1;
        }
        try {
            return Integer.parseInt(hex, 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
