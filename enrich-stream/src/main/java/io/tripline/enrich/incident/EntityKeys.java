package io.tripline.enrich.incident;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Correlation entities as {@code TYPE:id} strings and the linking rules that need no state: an
 * assumed-role session named after an instance id ({@code .../assumed-role/Role/i-0abc}) is that
 * instance's role credentials, so it correlates as the instance; IAM users and other sessions
 * correlate as their ARN.
 */
public final class EntityKeys {

    public static final String INSTANCE = "INSTANCE";
    public static final String PRINCIPAL = "PRINCIPAL";
    public static final String ACCESS_KEY = "ACCESS_KEY";
    public static final String SECURITY_GROUP = "SECURITY_GROUP";
    public static final String ACCOUNT = "ACCOUNT";
    public static final String IP = "IP";

    // Compiled once: these run for every CloudTrail event.
    private static final Pattern INSTANCE_ID = Pattern.compile("i-[0-9a-f]{8,17}");
    /** Parsed CIDRs (the fixed ones below and those configured as internal): a handful of entries. */
    private static final Map<String, long[]> CIDRS = new ConcurrentHashMap<>();
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]+");
    private static final List<String> NOT_OUTSIDE = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8",
            "169.254.0.0/16", "100.64.0.0/10", "0.0.0.0/8");

    private EntityKeys() {
    }

    public static String of(String type, String id) {
        return type + ":" + id;
    }

    public static String type(String entity) {
        return entity.substring(0, entity.indexOf(':'));
    }

    public static String id(String entity) {
        return entity.substring(entity.indexOf(':') + 1);
    }

    /** The entity of a principal ARN: an instance for {@code assumed-role/<role>/i-...} sessions, else the ARN. */
    public static String principal(String arn) {
        String session = instanceSession(arn);
        return session != null ? of(INSTANCE, session) : of(PRINCIPAL, arn);
    }

    /** The instance id an assumed-role session is named after, or null. */
    public static String instanceSession(String arn) {
        if (arn == null || !arn.contains(":assumed-role/")) {
            return null;
        }
        String session = arn.substring(arn.lastIndexOf('/') + 1);
        return isInstanceId(session) ? session : null;
    }

    public static boolean isInstanceId(String text) {
        return text != null && INSTANCE_ID.matcher(text).matches();
    }

    /** The ARN GuardDuty's accessKeyDetails denote (they carry user name and type, not the ARN). */
    public static String principalArn(String accountId, String userType, String userName, String principalId) {
        if (userType == null) {
            return null;
        }
        return switch (userType) {
            case "Root" -> "arn:aws:iam::" + accountId + ":root";
            case "IAMUser" -> userName == null ? null : "arn:aws:iam::" + accountId + ":user/" + userName;
            case "AssumedRole" -> {
                String session = principalId != null && principalId.contains(":")
                        ? principalId.substring(principalId.indexOf(':') + 1) : null;
                yield userName == null || session == null ? null
                        : "arn:aws:sts::" + accountId + ":assumed-role/" + userName + "/" + session;
            }
            default -> null;
        };
    }

    /**
     * True for an IP literal on the internet: not private, loopback, link-local or carrier-grade NAT, not
     * in {@code internalCidrs}, and not an AWS service name ({@code ec2.amazonaws.com}, {@code AWS Internal}).
     */
    public static boolean isOutsideIp(String ip, List<String> internalCidrs) {
        long v4 = ipv4(ip);
        if (v4 < 0) {
            return ip != null && ip.contains(":") && IPV6.matcher(ip).matches()
                    && !ip.toLowerCase(java.util.Locale.ROOT).startsWith("fe80") && !ip.toLowerCase(java.util.Locale.ROOT).startsWith("fc")
                    && !ip.toLowerCase(java.util.Locale.ROOT).startsWith("fd") && !"::1".equals(ip);
        }
        for (String cidr : NOT_OUTSIDE) {
            if (inCidr(v4, cidr)) {
                return false;
            }
        }
        return internalCidrs.stream().noneMatch(cidr -> inCidr(v4, cidr));
    }

    static boolean inCidr(long ip, String cidr) {
        // Parsed once per CIDR: every CloudTrail call of an instance session is checked against all of them.
        long[] parsed = CIDRS.computeIfAbsent(cidr, EntityKeys::parseCidr);
        return parsed[0] >= 0 && (ip & parsed[1]) == (parsed[0] & parsed[1]);
    }

    /** {base, mask} of a CIDR; base -1 when it is not an IPv4 CIDR. */
    private static long[] parseCidr(String cidr) {
        int slash = cidr.indexOf('/');
        long base = ipv4(slash < 0 ? cidr : cidr.substring(0, slash));
        int bits = slash < 0 ? 32 : Integer.parseInt(cidr.substring(slash + 1));
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return new long[] {base, mask};
    }

    static long ipv4(String ip) {
        if (ip == null || !IPV4.matcher(ip).matches()) {
            return -1;
        }
        long value = 0;
        for (String part : ip.split("\\.")) {
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                return -1;
            }
            value = value << 8 | octet;
        }
        return value;
    }
}
