package dev.infrajunit.backup;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.infrajunit.Host;
import dev.infrajunit.spi.Keys;
import java.util.List;
import org.apiguardian.api.API;

/** {@code files} policies, built in: see {@link FileBackups}. */
@API(status = INTERNAL)
public final class FileBackupStore implements BackupStore {

    @Override
    public BackupKind kind() {
        return BackupKind.FILES;
    }

    @Override
    public Keys keys() {
        return Keys.of().text("files").text("verify").bool("privileged");
    }

    @Override
    public boolean reportsSize() {
        return true;
    }

    @Override
    public List<String> problems(Host host, BackupPolicy policy, BackupExpectation expectation) {
        return new FileBackups(host).problems(policy, expectation);
    }
}
