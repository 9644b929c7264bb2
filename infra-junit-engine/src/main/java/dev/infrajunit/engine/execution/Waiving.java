package dev.infrajunit.engine.execution;

import dev.infrajunit.Host;
import dev.infrajunit.WaivedCheckException;
import dev.infrajunit.environment.Waiver;
import dev.infrajunit.runtime.RunEnvironment;
import java.lang.reflect.Method;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Turns a failure that a waiver accepts into a {@link WaivedCheckException}. Only failures are
 * waived: a check that could not run says nothing about the known problem, so it stays an error.
 * Days are UTC days: a waiver that expires on 2026-12-31 holds until that day ends in UTC.
 */
final class Waiving {

    private Waiving() {
    }

    static AssertionError orWaived(AssertionError failure, Class<?> spec, Method method, String subject,
                                   Optional<Host> host, RunEnvironment run) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (Waiver waiver : run.definition().waivers()) {
            if (waiver.names(spec, method) && !waiver.expired(today) && covers(waiver, host)) {
                throw new WaivedCheckException(subject, waiver.reason(), waiver.expires(), waiver.location(), failure);
            }
        }
        return failure;
    }

    private static boolean covers(Waiver waiver, Optional<Host> host) {
        if (waiver.hosts().isEmpty()) {
            return true;
        }
        return host.map(h -> waiver.hosts().get().matches(h.name(), h.roles(), h.properties())).orElse(false);
    }
}
