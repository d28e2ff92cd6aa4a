package io.tripline.simulator.iam;

import io.tripline.simulator.ec2.XmlWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** IAM's Query-XML shapes: User, Role, tags and the URL-encoded policy documents AWS returns. */
final class IamXml {

    static final String NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";

    private IamXml() {
    }

    static XmlWriter response(String action) {
        return XmlWriter.queryResponse(action, NAMESPACE);
    }

    static String time(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** IAM returns policy documents URL-encoded (RFC 3986), and callers must decode them, as against AWS. */
    static String encodePolicy(String document) {
        return document == null ? null : URLEncoder.encode(document, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static void user(XmlWriter xml, String element, IamState.User user, boolean withTags) {
        xml.start(element).leaf("Path", user.path).leaf("UserName", user.userName).leaf("UserId", user.userId)
                .leaf("Arn", user.arn).leaf("CreateDate", time(user.createDate));
        if (withTags && !user.tags.isEmpty()) {
            tags(xml, user.tags);
        }
        xml.end();
    }

    static void role(XmlWriter xml, String element, IamState.Role role, boolean withTags) {
        xml.start(element).leaf("Path", role.path).leaf("RoleName", role.roleName).leaf("RoleId", role.roleId)
                .leaf("Arn", role.arn).leaf("CreateDate", time(role.createDate))
                .leaf("AssumeRolePolicyDocument", encodePolicy(role.assumeRolePolicyDocument))
                .leaf("MaxSessionDuration", 3600);
        if (withTags && !role.tags.isEmpty()) {
            tags(xml, role.tags);
        }
        xml.end();
    }

    static void tags(XmlWriter xml, Map<String, String> tags) {
        xml.start("Tags");
        tags.forEach((k, v) -> xml.start("member").leaf("Key", k).leaf("Value", v).end());
        xml.end();
    }

    /** Marker/MaxItems paging (default 100): the page and the marker of the next one, or null. */
    static <T> Page<T> page(List<T> all, String marker, String maxItems) {
        int from = marker == null || marker.isEmpty() ? 0 : Integer.parseInt(marker);
        int max = maxItems == null || maxItems.isEmpty() ? 100 : Integer.parseInt(maxItems);
        int to = Math.min(all.size(), from + max);
        return new Page<>(all.subList(Math.min(from, to), to), to < all.size() ? String.valueOf(to) : null);
    }

    record Page<T>(List<T> items, String marker) {
        void finish(XmlWriter xml) {
            xml.leaf("IsTruncated", marker != null).leaf("Marker", marker);
        }
    }
}
