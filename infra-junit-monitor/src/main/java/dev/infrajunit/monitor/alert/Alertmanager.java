package dev.infrajunit.monitor.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Posts alerts to one Alertmanager's {@code /api/v2/alerts}: firing ones every cycle while they last
 * (each valid a few intervals, so a monitor that dies lets them expire), resolved ones once with an
 * end time of now.
 */
public final class Alertmanager {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI alerts;
    private final HttpClient client;

    public Alertmanager(URI base) {
        String text = base.toString();
        this.alerts = URI.create((text.endsWith("/") ? text : text + "/") + "api/v2/alerts");
        this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    public URI endpoint() {
        return alerts;
    }

    /**
     * Sends the firing and the resolved alerts in one request.
     *
     * @param validFor how long a firing alert holds without being sent again
     * @throws IOException naming the Alertmanager when it could not be reached or refused the alerts
     */
    public void send(List<Alert> firing, List<Alert> resolved, Instant now, Duration validFor) throws IOException {
        if (firing.isEmpty() && resolved.isEmpty()) {
            return;
        }
        ArrayNode body = JSON.createArrayNode();
        firing.forEach(alert -> add(body, alert, now.plus(validFor)));
        resolved.forEach(alert -> add(body, alert, now));
        HttpRequest request = HttpRequest.newBuilder(alerts).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while posting alerts to " + alerts, e);
        } catch (IOException e) {
            throw new IOException("could not post alerts to " + alerts + ": " + e, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException(alerts + " refused the alerts with HTTP " + response.statusCode() + ": "
                    + response.body().strip());
        }
    }

    private static void add(ArrayNode body, Alert alert, Instant endsAt) {
        ObjectNode node = body.addObject();
        ObjectNode labels = node.putObject("labels");
        alert.labels().forEach((name, value) -> {
            if (!value.isEmpty()) { // Alertmanager treats an empty label as absent
                labels.put(name, value);
            }
        });
        ObjectNode annotations = node.putObject("annotations");
        alert.annotations().forEach(annotations::put);
        alert.startsAt().ifPresent(start -> node.put("startsAt", start.toString()));
        node.put("endsAt", endsAt.toString());
    }
}
