package dev.infrajunit.monitor.http;

import static dev.infrajunit.monitor.http.Html.escape;

import dev.infrajunit.engine.report.ShownTime;
import dev.infrajunit.monitor.run.CheckKey;
import dev.infrajunit.monitor.run.Result;
import dev.infrajunit.monitor.state.CheckState;
import dev.infrajunit.monitor.state.MonitorState;
import dev.infrajunit.monitor.state.State;
import dev.infrajunit.monitor.state.TrackedCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code GET /}: hosts as rows, checks as columns grouped by spec, each cell coloured by its state,
 * with its message and since when on expanding it. One self-contained page (no script or style from
 * elsewhere) that reloads itself; every text that came from a check or a host is escaped.
 */
final class StatusPage {

    /** A check without a host gets this row. */
    static final String NO_HOST = "(no host)";


    private StatusPage() {
    }

    /** How a cell reads: its state, or "could not check" when its trouble is that the check could not run. */
    enum Shown {
        OK("ok"), PENDING("pending"), FAILING("failing"), RECOVERING("recovering"), WAIVED("waived"), FLAPPING("flapping"),
        COULD_NOT_CHECK("could not check");

        final String words;

        Shown(String words) {
            this.words = words;
        }

        String cssClass() {
            return "state-" + words.replace(' ', '-');
        }

        static Shown of(CheckState check) {
            State state = check.state();
            if ((state == State.PENDING || state == State.FAILING) && check.lastResult() == Result.ERROR) {
                return COULD_NOT_CHECK;
            }
            return valueOf(state.name());
        }
    }

    static String render(MonitorState state, boolean onlyProblems, Duration refresh) {
        Map<String, List<String>> columns = columns(state, onlyProblems);
        List<String> hosts = rows(state, onlyProblems);
        StringBuilder page = new StringBuilder(16_384);
        page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"refresh\" content=\"").append(Math.max(1, refresh.toSeconds())).append("\">")
                .append("<title>infra-junit monitor</title><style>").append(STYLE).append("</style></head><body>\n");
        page.append("<header><h1>infra-junit monitor</h1>");
        totals(page, state);
        page.append("<p id=\"cycle\">");
        if (state.lastCycleEnd().isPresent()) {
            page.append("Cycle ").append(state.cycle()).append(" ended ").append(ShownTime.of(state.lastCycleEnd().get()))
                    .append(" (took ").append(String.format(Locale.ROOT, "%.1f", state.lastCycleDuration().toMillis() / 1000.0))
                    .append(" s)");
        } else {
            page.append("The first cycle is running.");
        }
        page.append("</p><form method=\"get\" action=\"/\"><label><input type=\"checkbox\" id=\"only-problems\" name=\"problems\" value=\"1\"")
                .append(onlyProblems ? " checked" : "")
                .append(" onchange=\"this.form.submit()\"> show only what is not ok</label>")
                .append("<noscript> <button type=\"submit\">apply</button></noscript></form></header>\n");
        if (!state.discoveryErrors().isEmpty()) {
            page.append("<section id=\"discovery-errors\"><h2>Not found in the last cycle</h2><ul>");
            state.discoveryErrors().forEach(error -> page.append("<li>").append(escape(error)).append("</li>"));
            page.append("</ul></section>\n");
        }
        if (columns.isEmpty()) {
            page.append("<p id=\"nothing\">").append(state.checks().isEmpty() ? "No checks yet." : "Everything is ok.").append("</p>");
        } else {
            table(page, state, columns, hosts);
        }
        page.append("</body></html>\n");
        return page.toString();
    }

    private static void totals(StringBuilder page, MonitorState state) {
        Map<Shown, Integer> counts = new EnumMap<>(Shown.class);
        state.checks().values().forEach(tracked -> counts.merge(Shown.of(tracked.state()), 1, Integer::sum));
        page.append("<p id=\"totals\">");
        for (Shown shown : Shown.values()) {
            page.append("<span class=\"total ").append(shown.cssClass()).append("\">")
                    .append(counts.getOrDefault(shown, 0)).append(' ').append(shown.words).append("</span> ");
        }
        page.append("</p>");
    }

    private static void table(StringBuilder page, MonitorState state, Map<String, List<String>> columns, List<String> hosts) {
        page.append("<table id=\"status\"><thead><tr><th rowspan=\"2\" class=\"corner\">host</th>");
        columns.forEach((spec, checks) -> page.append("<th class=\"spec\" colspan=\"").append(checks.size()).append("\" title=\"")
                .append(escape(spec)).append("\">").append(escape(simpleName(spec))).append("</th>"));
        page.append("</tr><tr>");
        columns.forEach((spec, checks) -> checks.forEach(check -> page.append("<th class=\"check\">").append(escape(check)).append("</th>")));
        page.append("</tr></thead><tbody>\n");
        for (String host : hosts) {
            String key = host.equals(NO_HOST) ? "" : host;
            boolean unreachable = !key.isEmpty() && !state.reachable(key);
            page.append("<tr data-host=\"").append(escape(key)).append("\"").append(unreachable ? " class=\"unreachable\"" : "")
                    .append("><th class=\"host\">").append(escape(host));
            if (unreachable) {
                page.append("<div class=\"host-problem\">").append(escape(state.hosts().get(key).message())).append("</div>");
            }
            page.append("</th>");
            columns.forEach((spec, checks) -> checks.forEach(check -> {
                TrackedCheck tracked = state.checks().get(new CheckKey(spec, check, key));
                if (tracked == null) {
                    page.append("<td class=\"none\"></td>");
                } else {
                    cell(page, spec, check, key, tracked.state());
                }
            }));
            page.append("</tr>\n");
        }
        page.append("</tbody></table>\n");
    }

    private static void cell(StringBuilder page, String spec, String check, String host, CheckState state) {
        Shown shown = Shown.of(state);
        String since = state.failingSince().map(time -> "failing since " + ShownTime.of(time))
                .orElse("since " + ShownTime.of(state.lastStateChange()));
        page.append("<td class=\"cell ").append(shown.cssClass()).append("\" data-spec=\"").append(escape(spec))
                .append("\" data-check=\"").append(escape(check)).append("\" data-host=\"").append(escape(host))
                .append("\" title=\"").append(escape(state.message().isEmpty() ? shown.words : state.message()))
                .append(" (").append(escape(since)).append(")\">");
        page.append("<details><summary>").append(shown.words).append("</summary>");
        if (!state.message().isEmpty()) {
            page.append("<pre class=\"message\">").append(escape(state.message())).append("</pre>");
        }
        page.append("<p class=\"since\">").append(escape(since)).append("</p>")
                .append("<p class=\"result\">last result: ").append(state.lastResult().label())
                .append(state.consecutiveFailures() > 0 ? ", " + state.consecutiveFailures() + " in a row not passing" : "")
                .append("</p></details></td>");
    }

    private static Map<String, List<String>> columns(MonitorState state, boolean onlyProblems) {
        Map<String, TreeSet<String>> columns = new LinkedHashMap<>();
        state.checks().forEach((key, tracked) -> {
            if (!onlyProblems || tracked.state().state() != State.OK) {
                columns.computeIfAbsent(key.spec(), spec -> new TreeSet<>()).add(key.check());
            }
        });
        Map<String, List<String>> ordered = new LinkedHashMap<>();
        columns.forEach((spec, checks) -> ordered.put(spec, new ArrayList<>(checks)));
        return ordered;
    }

    private static List<String> rows(MonitorState state, boolean onlyProblems) {
        TreeSet<String> hosts = new TreeSet<>();
        boolean hostless = false;
        for (Map.Entry<CheckKey, TrackedCheck> entry : state.checks().entrySet()) {
            if (onlyProblems && entry.getValue().state().state() == State.OK) {
                continue;
            }
            if (entry.getKey().hasHost()) {
                hosts.add(entry.getKey().host());
            } else {
                hostless = true;
            }
        }
        List<String> rows = new ArrayList<>(hosts);
        if (hostless) {
            rows.add(NO_HOST);
        }
        return rows;
    }

    private static String simpleName(String spec) {
        return spec.substring(spec.lastIndexOf('.') + 1);
    }

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:1.5em;color:#222;background:#fafafa}
            h1{font-size:1.4em;margin:0 0 .3em}
            header p{margin:.3em 0}
            .total{display:inline-block;padding:.15em .6em;border-radius:1em;margin-right:.3em;font-weight:600}
            table{border-collapse:collapse;margin-top:1em}
            th,td{border:1px solid #ccc;padding:.3em .5em;vertical-align:top;text-align:left}
            th.spec{background:#e8e8ef}
            th.check{font-weight:500;font-size:.85em;background:#f0f0f4;max-width:11em;overflow-wrap:anywhere}
            th.host{background:#f4f4f4;white-space:nowrap}
            .host-problem{font-weight:400;font-size:.8em;color:#7a1f1f;max-width:20em;white-space:normal}
            td.none{background:#fff}
            td.cell{min-width:6em;max-width:28em}
            details summary{cursor:pointer;font-weight:600}
            pre.message{white-space:pre-wrap;word-break:break-word;font-size:.85em;margin:.4em 0}
            p.since,p.result{font-size:.8em;margin:.2em 0}
            .state-ok{background:#c8ecc9}
            .state-pending{background:#ffe9a8}
            .state-failing{background:#e53935;color:#fff}
            .state-recovering{background:#b3dcf5}
            .state-waived{background:#e0e0e0;background-image:repeating-linear-gradient(45deg,transparent 0 6px,#c8ecc9 6px 12px)}
            .state-flapping{background:#d9b8f0}
            .state-could-not-check{background:#9e9e9e;color:#fff}
            #discovery-errors{background:#fff3f3;border:1px solid #e53935;padding:.5em 1em;margin-top:1em}
            #discovery-errors h2{font-size:1em;margin:.2em 0}
            """;
}
