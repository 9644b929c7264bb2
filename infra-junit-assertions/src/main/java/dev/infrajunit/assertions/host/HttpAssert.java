package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.error.ShouldHave.shouldHave;

import dev.infrajunit.assertions.facts.HttpProbe;
import dev.infrajunit.assertions.facts.HttpProbe.Response;
import dev.infrajunit.assertions.host.Subjects.HttpEndpoint;

/**
 * Assertions about an HTTP endpoint, requested from the host itself with curl (or wget):
 * {@code assertThat(host).http("http://localhost:8080/health").hasStatus(200).bodyContains("UP")}.
 */
public class HttpAssert extends HostSubjectAssert<HttpAssert, HttpEndpoint> {

    private Response response;

    public HttpAssert(HttpEndpoint endpoint) {
        super(endpoint, HttpAssert.class);
    }

    public HttpAssert hasStatus(int status) {
        Response found = response();
        if (found.status().isEmpty()) {
            throw fail(shouldHave(hostName(), subject(), "status", status, "no response: " + found.failure(), found.source()));
        }
        if (found.status().getAsInt() != status) {
            throw fail(shouldHave(hostName(), subject(), "status", status, found.status().getAsInt(), found.source()));
        }
        return this;
    }

    public HttpAssert bodyContains(String text) {
        Response found = response();
        if (found.status().isEmpty()) {
            throw fail(shouldHave(hostName(), subject(), "a body containing", "\"" + text + "\"", "no response: " + found.failure(),
                    found.source()));
        }
        TextChecks.contains(this, hostName(), "the body of " + subject(), found.body(), text, found.source());
        return this;
    }

    private Response response() {
        if (response == null) {
            response = HttpProbe.get(host(), actual.url());
        }
        return response;
    }
}
