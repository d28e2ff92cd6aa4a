package io.tripline.simulator.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import io.tripline.simulator.core.SimRequest;
import org.junit.jupiter.api.Test;

/** Unit test of the flattened Query/EC2 list parameters. */
class QueryParamsTest {

    @Test
    void shouldReadNumberedListsStructsAndEntriesFromFormBody() {
        QueryParams p = new QueryParams(SimRequest.parseForm("Action=DescribeInstances&InstanceId.1=i-1&InstanceId.2=i-2"
                + "&Filter.1.Name=tag%3AEnv&Filter.1.Value.1=prod&Filter.1.Value.2=stage&Filter.2.Name=vpc-id"
                + "&Filter.2.Value.1=vpc-1&Attributes.entry.1.key=RawMessageDelivery&Attributes.entry.1.value=true"));

        assertThat(p.list("InstanceId")).containsExactly("i-1", "i-2");
        assertThat(p.structs("Filter")).hasSize(2);
        assertThat(p.structs("Filter").get(0).get("Name")).isEqualTo("tag:Env");
        assertThat(p.structs("Filter").get(0).list("Value")).containsExactly("prod", "stage");
        assertThat(p.entries("Attributes.entry", "key", "value")).containsEntry("RawMessageDelivery", "true");
    }

    @Test
    void shouldWriteEscapedXmlAndSkipNullLeaves() {
        String xml = XmlWriter.queryResponse("Publish", "ns").leaf("MessageId", "a<b&c").leaf("Missing", null)
                .finishQuery("req-1");
        assertThat(xml).contains("<PublishResult><MessageId>a&lt;b&amp;c</MessageId></PublishResult>")
                .contains("<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></PublishResponse>")
                .doesNotContain("Missing");
    }
}
