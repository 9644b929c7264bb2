package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.error.ShouldBe.shouldBe;
import static dev.infrajunit.assertions.error.ShouldBeWithinLimit.shouldBeWithinLimit;
import static dev.infrajunit.assertions.error.ShouldExist.shouldExist;
import static dev.infrajunit.assertions.error.ShouldHave.shouldHave;

import dev.infrajunit.assertions.facts.Containers;
import dev.infrajunit.assertions.facts.Containers.Container;
import dev.infrajunit.assertions.host.Subjects.HostContainer;
import java.util.Optional;

/**
 * A docker or podman container:
 * {@code assertThat(host).container("web").isRunning().hasImage("nginx:1.27").hasRestartCountAtMost(3).isHealthy()}.
 * Inspected once per chain.
 */
public class ContainerAssert extends HostSubjectAssert<ContainerAssert, HostContainer> {

    private Optional<Container> found;

    public ContainerAssert(HostContainer container) {
        super(container, ContainerAssert.class);
    }

    public ContainerAssert exists() {
        container();
        return this;
    }

    public ContainerAssert isRunning() {
        Container c = container();
        if (!c.running()) {
            throw fail(shouldBe(hostName(), subject(), "running", "it is " + c.status(), c.source()));
        }
        return this;
    }

    /** Created from this image, as the container's configuration names it. */
    public ContainerAssert hasImage(String image) {
        Container c = container();
        if (!c.image().equals(image)) {
            throw fail(shouldHave(hostName(), subject(), "image", image, c.image(), c.source()));
        }
        return this;
    }

    /** The engine restarted it at most this often (a crash loop restarts it again and again). */
    public ContainerAssert hasRestartCountAtMost(long restarts) {
        Container c = container();
        if (c.restartCount() > restarts) {
            throw fail(shouldBeWithinLimit(hostName(), subject(), "to have restarted at most " + restarts + " times",
                    "it restarted " + c.restartCount() + " times", c.source()));
        }
        return this;
    }

    /** Its health check says healthy; a container without one cannot be healthy. */
    public ContainerAssert isHealthy() {
        Container c = container();
        if (!c.health().filter("healthy"::equals).isPresent()) {
            throw fail(shouldBe(hostName(), subject(), "healthy", c.health().map(h -> "it is " + h)
                    .orElse("it has no health check"), c.source()));
        }
        return this;
    }

    private Container container() {
        if (found == null) {
            found = Containers.inspect(host(), actual.name());
        }
        return found.orElseThrow(() -> fail(shouldExist(hostName(), subject(), "docker or podman inspect " + actual.name())));
    }
}
