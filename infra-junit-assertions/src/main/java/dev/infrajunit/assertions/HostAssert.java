package dev.infrajunit.assertions;

import dev.infrajunit.Host;
import org.assertj.core.api.AbstractAssert;

/** Assertions about one host. Every failure message begins with the host's name. */
public class HostAssert extends AbstractAssert<HostAssert, Host> {

    public HostAssert(Host host) {
        super(host, HostAssert.class);
    }

    // ---- backups ----
}
