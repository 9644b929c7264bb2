package dev.infrajunit.assertions.host;

import dev.infrajunit.Host;

/** Something on a host that assertions are about: a file, a package, a port. */
public interface HostSubject {

    Host host();

    /** How failure messages name it: {@code /etc/ssh/sshd_config}, {@code package openssh-server}. */
    String describe();
}
