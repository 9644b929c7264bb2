package dev.infrajunit.assertions.error;

import org.assertj.core.error.ErrorMessageFactory;

/** The host firewall lets in a port it should block, or blocks one it should let in. */
public final class ShouldAllow extends InfraErrorMessage {

    private ShouldAllow(String host, String expectation, String found, String source) {
        super(host, expectation, found, source);
    }

    /** {@code web-1: expected the firewall to let in TCP port 443, but chain input has policy drop (nft list ruleset)} */
    public static ErrorMessageFactory shouldAllowInbound(String host, int port, String why, String source) {
        return new ShouldAllow(host, "the firewall to let in TCP port " + port, why, source);
    }

    public static ErrorMessageFactory shouldBlockInbound(String host, int port, String why, String source) {
        return new ShouldAllow(host, "the firewall to block TCP port " + port, why, source);
    }
}
