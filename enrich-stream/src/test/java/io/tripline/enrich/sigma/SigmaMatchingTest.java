package io.tripline.enrich.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.tripline.enrich.sigma.CorpusEvents.json;
import static io.tripline.enrich.sigma.SigmaTestRules.rule;
import static io.tripline.enrich.sigma.SigmaTestRules.ruleSet;
import static io.tripline.enrich.sigma.SigmaTestRules.ruleYaml;
import static org.assertj.core.api.Assertions.assertThat;

/** Field matching and modifiers as the Sigma specification defines them. */
class SigmaMatchingTest {

    private static final JsonNode EVENT = json("""
            {"eventName":"StopLogging","eventSource":"cloudtrail.amazonaws.com","errorCode":null,
             "sourceIPAddress":"203.0.113.7","awsRegion":"eu-west-1","readOnly":false,"count":7,
             "userIdentity":{"type":"AssumedRole","accountId":"111122223333",
               "arn":"arn:aws:sts::111122223333:assumed-role/Admin/alice",
               "sessionContext":{"sessionIssuer":{"type":"Role","userName":"Admin"}}},
             "recipientAccountId":"111122223333",
             "requestParameters":{"name":"C:\\\\trail*one?","policyDocument":"{\\"Effect\\":\\"Allow\\"}",
               "ipPermissions":{"items":[{"ipRanges":{"items":[{"cidrIp":"10.0.0.0/8"},{"cidrIp":"0.0.0.0/0"}]}}]},
               "commandLine":"cmd.exe /c whoami","encoded":"ZXZpbCBwYXlsb2FkIGhlcmU="},
             "tags":["prod","pci"]}
            """);

    private static boolean matches(String detection) {
        return rule(detection).matches(EVENT);
    }

    @Test
    void shouldMatchStringsCaseInsensitivelyByDefault() {
        assertThat(matches("sel: {eventName: stoplogging}\ncondition: sel")).isTrue();
        assertThat(matches("sel: {eventName|cased: stoplogging}\ncondition: sel")).isFalse();
        assertThat(matches("sel: {eventName|cased: StopLogging}\ncondition: sel")).isTrue();
    }

    @Test
    void shouldResolveNestedDottedPathsAndArrays() {
        assertThat(matches("sel: {userIdentity.sessionContext.sessionIssuer.type: Role}\ncondition: sel")).isTrue();
        assertThat(matches("sel: {requestParameters.ipPermissions.items.ipRanges.items.cidrIp: 0.0.0.0/0}\ncondition: sel")).isTrue();
        assertThat(matches("sel: {tags: pci}\ncondition: sel")).isTrue();
        assertThat(matches("sel: {userIdentity.missing.type: Role}\ncondition: sel")).isFalse();
    }

    @Test
    void shouldHonourWildcardsAndEscapes() {
        assertThat(matches("sel: {eventName: 'Stop*'}\ncondition: sel")).isTrue();
        assertThat(matches("sel: {eventName: 'St?pLogg*g'}\ncondition: sel")).isTrue();
        assertThat(matches("sel: {eventName: 'Start*'}\ncondition: sel")).isFalse();
        // \\* and \\? are literal, a lone backslash before other characters is literal
        assertThat(matches("sel: {requestParameters.name: 'C:\\trail\\*one\\?'}\ncondition: sel")).isTrue();
        assertThat(matches("sel: {requestParameters.name: 'C:\\trail\\*onX\\?'}\ncondition: sel")).isFalse();
    }

    @Test
    void shouldTreatValueListsAsOrAndListsOfMapsAsOrOfAnds() {
        assertThat(matches("sel: {eventName: [DeleteTrail, StopLogging]}\ncondition: sel")).isTrue();
        assertThat(matches("""
                sel:
                  - {eventName: DeleteTrail, awsRegion: eu-west-1}
                  - {eventName: StopLogging, awsRegion: eu-west-1}
                condition: sel""")).isTrue();
        assertThat(matches("""
                sel:
                  - {eventName: DeleteTrail, awsRegion: eu-west-1}
                  - {eventName: StopLogging, awsRegion: us-east-1}
                condition: sel""")).isFalse();
    }

    @Test
    void shouldMatchNullAsAbsentOrNull() {
        assertThat(matches("sel: {errorCode: null}\ncondition: sel")).isTrue();
        assertThat(matches("sel: {errorMessage: null}\ncondition: sel")).isTrue();
        assertThat(matches("sel: {eventName: null}\ncondition: sel")).isFalse();
    }

    @Test
    void shouldCompareNumbersAndBooleans() {
        assertThat(matches("sel: {count: 7}\ncondition: sel")).isTrue();
        assertThat(matches("sel: {readOnly: false}\ncondition: sel")).isTrue();
        assertThat(matches("sel: {count|gte: 7}\ncondition: sel")).isTrue();
        assertThat(matches("sel: {count|gt: 7}\ncondition: sel")).isFalse();
        assertThat(matches("sel: {count|lt: 10}\ncondition: sel")).isTrue();
        assertThat(matches("sel: {count|lte: 6}\ncondition: sel")).isFalse();
    }

    @Test
    void shouldApplyContainsStartswithEndswithAndAll() {
        assertThat(matches("sel: {userIdentity.arn|contains: ROLE/admin}\ncondition: sel")).isTrue();
        assertThat(matches("sel: {userIdentity.arn|startswith: 'arn:aws:sts::'}\ncondition: sel")).isTrue();
        assertThat(matches("sel: {userIdentity.arn|endswith: /alice}\ncondition: sel")).isTrue();
        assertThat(matches("sel: {userIdentity.arn|contains|all: [Admin, alice]}\ncondition: sel")).isTrue();
        assertThat(matches("sel: {userIdentity.arn|contains|all: [Admin, bob]}\ncondition: sel")).isFalse();
    }

    @Test
    void shouldApplyRegexWithSubModifiers() {
        assertThat(matches("sel: {eventName|re: '^Stop.*g$'}\ncondition: sel")).isTrue();
        assertThat(matches("sel: {eventName|re: '^stop'}\ncondition: sel")).isFalse();
        assertThat(matches("sel: {eventName|re|i: '^stop'}\ncondition: sel")).isTrue();
    }

    @Test
    void shouldMatchIpv4AndIpv6Cidrs() {
        assertThat(matches("sel: {sourceIPAddress|cidr: 203.0.113.0/24}\ncondition: sel")).isTrue();
        assertThat(matches("sel: {sourceIPAddress|cidr: [10.0.0.0/8, 192.168.0.0/16]}\ncondition: sel")).isFalse();
        JsonNode v6 = json("{\"sourceIPAddress\":\"2001:db8::1\"}");
        assertThat(rule("sel: {sourceIPAddress|cidr: '2001:db8::/32'}\ncondition: sel").matches(v6)).isTrue();
        assertThat(rule("sel: {sourceIPAddress|cidr: '2001:db9::/32'}\ncondition: sel").matches(v6)).isFalse();
        assertThat(rule("sel: {sourceIPAddress|cidr: '0.0.0.0/0'}\ncondition: sel").matches(json("{\"sourceIPAddress\":\"AWS Internal\"}"))).isFalse();
    }

    @Test
    void shouldCheckExistenceAndFieldReferences() {
        assertThat(matches("sel: {userIdentity.arn|exists: true}\ncondition: sel")).isTrue();
        assertThat(matches("sel: {errorCode|exists: true}\ncondition: sel")).isFalse();
        assertThat(matches("sel: {errorCode|exists: false}\ncondition: sel")).isTrue();
        assertThat(matches("sel: {userIdentity.accountId|fieldref: recipientAccountId}\ncondition: sel")).isTrue();
        assertThat(matches("sel: {userIdentity.accountId|fieldref: awsRegion}\ncondition: sel")).isFalse();
        assertThat(matches("sel: {userIdentity.arn|fieldref|endswith: userIdentity.sessionContext.sessionIssuer.type}\ncondition: sel")).isFalse();
    }

    @Test
    void shouldDecodeBase64AndBase64Offset() {
        assertThat(matches("sel: {requestParameters.encoded|base64: 'evil payload here'}\ncondition: sel")).isTrue();
        assertThat(matches("sel: {requestParameters.encoded|base64offset|contains: payload}\ncondition: sel")).isTrue();
        assertThat(matches("sel: {requestParameters.encoded|base64offset|contains: absent}\ncondition: sel")).isFalse();
    }

    @Test
    void shouldExpandWindowsDashVariants() {
        assertThat(matches("sel: {requestParameters.commandLine|windash|contains: ' -c '}\ncondition: sel")).isTrue();
    }

    @Test
    void shouldMatchKeywordListsAnywhereInTheEvent() {
        assertThat(matches("keywords: ['*whoami*', nothing]\ncondition: keywords")).isTrue();
        assertThat(matches("keywords: [nothing, '*never*']\ncondition: keywords")).isFalse();
        // plain keywords are substring searches over every string value
        assertThat(matches("keywords: [whoami]\ncondition: keywords")).isTrue();
        assertThat(matches("keywords: [WHOAMI, absent]\ncondition: keywords")).isTrue();
        assertThat(matches("keywords:\n  '|re': 'cmd\\.exe /c'\ncondition: keywords")).isTrue();
    }

    @Test
    void shouldExpandPlaceholdersFromConfiguration() {
        String yaml = ruleYaml("00000000-0000-0000-0000-0000000000aa",
                "sel: {awsRegion|expand: '%Allowed_Regions%'}\ncondition: not sel");
        RuleSet configured = ruleSet(yaml, Map.of("Allowed_Regions", List.of("us-east-1", "eu-west-1")));
        assertThat(configured.match(EVENT)).isEmpty();
        assertThat(configured.match(json("{\"awsRegion\":\"ap-south-1\"}"))).hasSize(1);
    }

    @Test
    void shouldSkipRuleNamingThePlaceholderWhenItHasNoValue() {
        RuleSet set = ruleSet(ruleYaml("00000000-0000-0000-0000-0000000000ab",
                "sel: {awsRegion|expand: '%Allowed_Regions%'}\ncondition: sel"));
        assertThat(set.rules()).isEmpty();
        assertThat(set.report().skipped()).singleElement().satisfies(p -> {
            assertThat(p.ruleId()).isEqualTo("00000000-0000-0000-0000-0000000000ab");
            assertThat(p.reason()).contains("%Allowed_Regions%");
        });
    }

    @Test
    void shouldSkipUtf16ModifiersWithAReason() {
        RuleSet set = ruleSet(ruleYaml("00000000-0000-0000-0000-0000000000ac",
                "sel: {requestParameters.encoded|wide|base64offset|contains: ping}\ncondition: sel"));
        assertThat(set.rules()).isEmpty();
        assertThat(set.report().skipped()).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("wide"));
    }
}
