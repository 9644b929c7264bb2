package dev.infrajunit.embedded.aws;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What a stand-in answers: status, content type, extra headers and body, as the service would send them. */
public record AwsReply(int status, String contentType, Map<String, String> headers, byte[] body) {

    /** The content type the query protocol (EC2, RDS, STS) answers in. */
    public static final String QUERY_XML = "text/xml;charset=UTF-8";

    /** A query-protocol answer. */
    public static AwsReply xml(int status, String xml) {
        return new AwsReply(status, QUERY_XML, Map.of(), xml.getBytes(StandardCharsets.UTF_8));
    }
}
