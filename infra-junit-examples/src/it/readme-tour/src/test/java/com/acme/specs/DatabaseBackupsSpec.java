package com.acme.specs;

import static dev.infrajunit.assertions.InfraAssertions.assertThat;

import dev.infrajunit.Check;
import dev.infrajunit.ForEachHost;
import dev.infrajunit.Host;
import dev.infrajunit.InfraTest;
import org.junit.jupiter.api.Tag;

@InfraTest
@Tag("backup")
class DatabaseBackupsSpec {

    @Check
    @ForEachHost("role:database")
    void everyDatabaseHasARecentBackup(Host host) {
        assertThat(host).hasRecentBackup();
    }
}
