package dev.infrajunit.environment;

import java.io.File;
import java.nio.file.Path;

/** Expands a leading {@code ~} the way a shell would, since environment files are written like shell paths. */
final class UserHome {

    private UserHome() {
    }

    static Path expand(String path) {
        String home = System.getProperty("user.home");
        if (path.equals("~")) {
            return Path.of(home);
        }
        if (path.startsWith("~/") || path.startsWith("~" + File.separator)) {
            return Path.of(home, path.substring(2));
        }
        return Path.of(path);
    }
}
