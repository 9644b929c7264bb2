package dev.infrajunit.embedded.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One request as a stand-in saw it: query and form parameters decoded. */
public record AwsRequest(String method, String path, Map<String, String> parameters, Map<String, List<String>> headers, String body) {

    public String parameter(String name) {
        return parameters.get(name);
    }

    public String header(String name) {
        return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                .map(entry -> entry.getValue().get(0)).findFirst().orElse(null);
    }

    /** The operation of the query protocol (EC2, RDS, STS): its {@code Action} parameter. */
    public String action() {
        return parameter("Action");
    }

    /** Every value of a query-protocol list parameter: {@code Filter.1.Value.1}, {@code Filter.1.Value.2}, ... */
    public List<String> values(String prefix) {
        List<String> values = new ArrayList<>();
        for (int i = 1; parameter(prefix + i) != null; i++) {
            values.add(parameter(prefix + i));
        }
        return values;
    }

    /** The values of the EC2 or RDS filter of that name, in request order. */
    public List<String> filter(String name) {
        for (int i = 1; parameter("Filter." + i + ".Name") != null; i++) {
            if (name.equals(parameter("Filter." + i + ".Name"))) {
                return values("Filter." + i + ".Value.");
            }
        }
        return List.of();
    }
}
