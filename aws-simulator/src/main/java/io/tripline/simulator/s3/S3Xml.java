package io.tripline.simulator.s3;

import io.tripline.simulator.core.AwsError;
import io.tripline.simulator.ec2.XmlWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** S3 REST-XML shapes the simulator reads and writes. */
final class S3Xml {

    static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
    static final List<String> PAB_FIELDS = List.of("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy",
            "RestrictPublicBuckets");

    private S3Xml() {
    }

    static String iso(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    static String httpDate(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }

    /** Reads a PublicAccessBlockConfiguration body; absent flags are false, as S3 stores them. */
    static Map<String, Boolean> parsePublicAccessBlock(String xml) {
        if (xml == null || !xml.contains("PublicAccessBlockConfiguration")) {
            throw AwsError.badRequest("MalformedXML", "The XML you provided was not well-formed or did not validate"
                    + " against our published schema");
        }
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (String field : PAB_FIELDS) {
            Matcher m = Pattern.compile("<" + field + ">\\s*(true|false)\\s*</" + field + ">").matcher(xml);
            out.put(field, m.find() && Boolean.parseBoolean(m.group(1)));
        }
        return out;
    }

    static String publicAccessBlock(Map<String, Boolean> config) {
        XmlWriter xml = new XmlWriter().root("PublicAccessBlockConfiguration", NAMESPACE);
        PAB_FIELDS.forEach(f -> xml.leaf(f, Boolean.TRUE.equals(config.get(f))));
        return xml.toString();
    }

    /** The LocationConstraint of a CreateBucket body, or null. */
    static String locationConstraint(String xml) {
        Matcher m = Pattern.compile("<LocationConstraint>\\s*([^<]*?)\\s*</LocationConstraint>").matcher(xml == null ? "" : xml);
        return m.find() && !m.group(1).isEmpty() ? m.group(1) : null;
    }
}
