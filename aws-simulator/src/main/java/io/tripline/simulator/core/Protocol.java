package io.tripline.simulator.core;

/** The AWS wire protocols the simulator speaks; each has its own error shape. */
public enum Protocol {
    /** REST-JSON (GuardDuty, Security Hub): JSON body, error code in X-Amzn-ErrorType and __type. */
    REST_JSON,
    /** JSON 1.1 with X-Amz-Target (CloudTrail). */
    JSON_1_1,
    /** JSON 1.0 with X-Amz-Target (SQS). */
    JSON_1_0,
    /** Query protocol, XML responses, ErrorResponse/Error shape (SNS, IAM, STS). */
    QUERY_XML,
    /** EC2 Query: XML responses, Response/Errors/Error shape. */
    EC2_QUERY,
    /** REST-XML (S3): Error root element. */
    REST_XML
}
