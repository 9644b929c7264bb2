package dev.infrajunit.transport;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.infrajunit.spi.Keys;
import dev.infrajunit.spi.Transport;
import dev.infrajunit.spi.TransportProvider;
import java.util.List;
import org.apiguardian.api.API;

/** {@code transport: { exec: [...] }}, the engine's own plug-in transport: see {@link ExecTransport}. */
@API(status = INTERNAL)
public final class ExecTransportProvider implements TransportProvider {

    @Override
    public String kind() {
        return "exec";
    }

    @Override
    public Keys keys() {
        return Keys.of().texts("exec");
    }

    @Override
    public Transport open(Target host) {
        @SuppressWarnings("unchecked")
        List<String> argv = (List<String>) host.options().get("exec");
        return new ExecTransport(host.name(), argv);
    }
}
