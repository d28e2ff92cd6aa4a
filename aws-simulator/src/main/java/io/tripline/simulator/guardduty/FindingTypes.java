package io.tripline.simulator.guardduty;

import java.util.Map;

/**
 * Default severities and titles of the GuardDuty finding types the simulator generates itself
 * (sample findings, scenario findings without a severity), from the GuardDuty finding-type reference.
 */
final class FindingTypes {

    /** type → {severity, title}. */
    private static final Map<String, String[]> TYPES = Map.ofEntries(
            Map.entry("UnauthorizedAccess:EC2/SSHBruteForce", new String[] {"2.0",
                    "An EC2 instance has been involved in SSH brute force attacks."}),
            Map.entry("UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS", new String[] {"8.0",
                    "Credentials that were created exclusively for an EC2 instance through an Instance launch role are being used from an external IP address."}),
            Map.entry("Persistence:IAMUser/AnomalousBehavior", new String[] {"5.0",
                    "An API commonly used to maintain unauthorized access to an AWS environment was invoked in an anomalous way."}),
            Map.entry("Recon:EC2/PortProbeUnprotectedPort", new String[] {"2.0",
                    "An EC2 instance has an unprotected port that is being probed by a known malicious host."}),
            Map.entry("CryptoCurrency:EC2/BitcoinTool.B!DNS", new String[] {"8.0",
                    "An EC2 instance is querying a domain name that is associated with cryptocurrency-related activity."}),
            Map.entry("Backdoor:EC2/C&CActivity.B!DNS", new String[] {"8.0",
                    "An EC2 instance is querying a domain name that is associated with a known command and control server."}),
            Map.entry("Policy:S3/BucketBlockPublicAccessDisabled", new String[] {"2.0",
                    "An IAM entity invoked an API used to disable S3 Block Public Access on a bucket."}),
            Map.entry("Stealth:IAMUser/CloudTrailLoggingDisabled", new String[] {"2.0", "AWS CloudTrail logging was disabled."}),
            Map.entry("Discovery:S3/MaliciousIPCaller", new String[] {"8.0",
                    "An S3 API commonly used to discover resources in an AWS environment was invoked from a known malicious IP address."}),
            Map.entry("UnauthorizedAccess:IAMUser/ConsoleLoginSuccess.B", new String[] {"5.0",
                    "Multiple worldwide successful console logins were observed."}),
            Map.entry("Trojan:EC2/DNSDataExfiltration", new String[] {"8.0", "An EC2 instance is exfiltrating data through DNS queries."}),
            Map.entry("CredentialAccess:IAMUser/AnomalousBehavior", new String[] {"5.0",
                    "An API used to gain access to an AWS environment was invoked in an anomalous way."}));

    private FindingTypes() {
    }

    static double severity(String type) {
        String[] t = TYPES.get(type);
        return t == null ? 5.0 : Double.parseDouble(t[0]);
    }

    static String title(String type) {
        String[] t = TYPES.get(type);
        return t == null ? type : t[1];
    }

    static java.util.Set<String> known() {
        return new java.util.TreeSet<>(TYPES.keySet());
    }
}
