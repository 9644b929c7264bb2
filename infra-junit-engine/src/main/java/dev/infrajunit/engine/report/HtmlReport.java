package dev.infrajunit.engine.report;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a run's results as one self-contained HTML page: hosts as rows, checks as columns, a
 * cell per check and host coloured by its outcome, its message on hover, and on click its message,
 * the commands it ran (exit status, duration, output) and what it reported. Totals on top, and a
 * switch that shows only what is not green. Everything from the run is HTML-escaped.
 */
final class HtmlReport {

    /** The row of checks that are not per host. */
    static final String NO_HOST = "(not per host)";

    private HtmlReport() {
    }

    /** The page for {@code results}, given in the order of the test plan. */
    static String render(List<CheckResult> results, String environment, Instant finished, Duration took) {
        Set<String> columns = new LinkedHashSet<>();
        Map<String, Map<String, CheckResult>> rows = new LinkedHashMap<>();
        Map<CheckResult.Status, Integer> totals = new EnumMap<>(CheckResult.Status.class);
        for (CheckResult result : results) {
            columns.add(result.column());
            rows.computeIfAbsent(result.host().isEmpty() ? NO_HOST : result.host(), host -> new LinkedHashMap<>())
                    .put(result.column(), result);
            totals.merge(result.status(), 1, Integer::sum);
        }
        // checks that are not per host come last
        Map<String, CheckResult> withoutHost = rows.remove(NO_HOST);
        if (withoutHost != null) {
            rows.put(NO_HOST, withoutHost);
        }
        List<String> columnList = new ArrayList<>(columns);
        Set<String> columnsNotGreen = new LinkedHashSet<>();
        results.stream().filter(result -> !green(result)).forEach(result -> columnsNotGreen.add(result.column()));

        StringBuilder html = new StringBuilder(8192);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>infra-junit report: ").append(escape(environment)).append("</title>\n<style>\n")
                .append(CSS).append("</style>\n</head>\n<body>\n")
                .append("<h1>infra-junit report</h1>\n<p class=\"run\">Environment <b>").append(escape(environment))
                .append("</b>, finished <time datetime=\"").append(finished.truncatedTo(ChronoUnit.SECONDS))
                .append("\">").append(ShownTime.of(finished)).append("</time> after ")
                .append(escape(seconds(took))).append("</p>\n");
        totals(html, totals, rows.size(), columnList.size());
        html.append("<label class=\"filter\"><input type=\"checkbox\" id=\"only-not-green\"> Show only what is not green</label>\n")
                .append("<table id=\"results\">\n<thead><tr><th class=\"corner\">host \\ check</th>");
        for (int c = 0; c < columnList.size(); c++) {
            String column = columnList.get(c);
            int dot = column.indexOf('.');
            html.append("<th class=\"check").append(columnsNotGreen.contains(column) ? "" : " col-green").append("\" title=\"")
                    .append(escape(column)).append("\"><span class=\"spec\">").append(escape(column.substring(0, dot)))
                    .append("</span><br>").append(escape(column.substring(dot + 1))).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        List<CheckResult> detailed = new ArrayList<>();
        for (Map.Entry<String, Map<String, CheckResult>> row : rows.entrySet()) {
            boolean rowGreen = row.getValue().values().stream().allMatch(HtmlReport::green);
            html.append("<tr").append(rowGreen ? " class=\"all-green\"" : "").append("><th class=\"host\">")
                    .append(escape(row.getKey())).append("</th>");
            for (String column : columnList) {
                CheckResult result = row.getValue().get(column);
                String columnClass = columnsNotGreen.contains(column) ? "" : " col-green";
                if (result == null) {
                    html.append("<td class=\"none").append(columnClass).append("\"></td>");
                    continue;
                }
                int id = detailed.size();
                detailed.add(result);
                html.append("<td class=\"cell ").append(result.status().cssClass()).append(columnClass)
                        .append("\" data-detail=\"d").append(id).append("\" title=\"")
                        .append(escape(result.status().label() + (result.message().isEmpty() ? "" : ": " + result.message())))
                        .append("\">").append(result.status().symbol()).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n<div id=\"details\">\n");
        for (int id = 0; id < detailed.size(); id++) {
            details(html, id, detailed.get(id));
        }
        html.append("</div>\n<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return html.toString();
    }

    private static boolean green(CheckResult result) {
        return result.status() == CheckResult.Status.PASSED;
    }

    private static void totals(StringBuilder html, Map<CheckResult.Status, Integer> totals, int hosts, int checks) {
        html.append("<p id=\"totals\">").append(hosts).append(hosts == 1 ? " row" : " rows").append(", ").append(checks)
                .append(checks == 1 ? " check" : " checks").append(":");
        for (CheckResult.Status status : CheckResult.Status.values()) {
            html.append(" <span class=\"total ").append(status.cssClass()).append("\">")
                    .append(totals.getOrDefault(status, 0)).append(' ').append(status.label()).append("</span>");
        }
        html.append("</p>\n");
    }

    private static void details(StringBuilder html, int id, CheckResult result) {
        html.append("<section class=\"detail\" id=\"d").append(id).append("\" hidden>\n<h2>")
                .append(escape(result.host().isEmpty() ? NO_HOST : result.host())).append(": ")
                .append(escape(result.column())).append(" <span class=\"status ").append(result.status().cssClass())
                .append("\">").append(escape(result.status().label())).append("</span></h2>\n");
        if (!result.message().isEmpty()) {
            html.append("<pre class=\"message\">").append(escape(result.message())).append("</pre>\n");
        }
        if (result.commands().isEmpty()) {
            html.append("<p class=\"no-commands\">No command ran on a host for this check.</p>\n");
        } else {
            html.append("<table class=\"commands\"><thead><tr><th>host</th><th>command</th><th>exit status</th>")
                    .append("<th>duration</th><th>output</th></tr></thead><tbody>\n");
            for (Map<String, String> command : result.commands()) {
                html.append("<tr><td>").append(escape(command.getOrDefault("host", ""))).append("</td><td><code>")
                        .append(escape(command.getOrDefault("command", ""))).append("</code></td><td class=\"exit\">")
                        .append(escape(command.getOrDefault("exitStatus", ""))).append("</td><td class=\"duration\">")
                        .append(escape(command.getOrDefault("durationMs", "?"))).append(" ms</td><td><pre>")
                        .append(escape(command.getOrDefault("output", ""))).append("</pre></td></tr>\n");
            }
            html.append("</tbody></table>\n");
        }
        for (Map<String, String> entry : result.reported()) {
            for (Map.Entry<String, String> pair : entry.entrySet()) {
                html.append("<p class=\"reported\"><b>").append(escape(pair.getKey())).append("</b> = ")
                        .append(escape(pair.getValue())).append("</p>\n");
            }
        }
        html.append("</section>\n");
    }

    /** Tenths of a second, rounded half up: {@code 1.3 s}. Not by String.format, once per check of a large run. */
    static String seconds(Duration took) {
        long tenths = (took.toMillis() + 50) / 100;
        return tenths / 10 + "." + tenths % 10 + " s";
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static final String CSS = """
            body { font-family: system-ui, sans-serif; margin: 1.5em; color: #222; }
            h1 { font-size: 1.4em; margin: 0 0 .3em; }
            .run { color: #555; margin: 0 0 .6em; }
            #totals { font-size: 1.1em; }
            .total { display: inline-block; padding: .1em .5em; border-radius: .3em; margin-left: .3em; }
            .passed { background: #c8ecc8; }
            .failed { background: #f4b4b4; }
            .could-not-check { background: #f8d48a; }
            .skipped { background: #dddddd; }
            .filter { display: block; margin: .6em 0; }
            #results { border-collapse: collapse; }
            #results th, #results td { border: 1px solid #bbb; padding: .3em .5em; }
            #results th.check { font-weight: normal; font-size: .85em; vertical-align: bottom; }
            #results .spec { color: #666; }
            #results th.host { text-align: left; }
            td.cell { text-align: center; cursor: pointer; min-width: 2.5em; }
            td.cell.selected { outline: 3px solid #225; }
            td.none { background: #f7f7f7; }
            body.only-not-green .all-green, body.only-not-green .col-green { display: none; }
            .detail { margin-top: 1em; border-top: 2px solid #999; padding-top: .5em; }
            .detail h2 { font-size: 1.1em; }
            .status { padding: .1em .4em; border-radius: .3em; font-weight: normal; }
            pre { white-space: pre-wrap; margin: 0; }
            pre.message { background: #fff6f6; border-left: 4px solid #c33; padding: .5em; }
            table.commands { border-collapse: collapse; margin-top: .5em; }
            table.commands th, table.commands td { border: 1px solid #ccc; padding: .2em .4em; vertical-align: top; font-size: .9em; }
            """;

    private static final String SCRIPT = """
            document.getElementById('only-not-green').addEventListener('change', function (event) {
              document.body.classList.toggle('only-not-green', event.target.checked);
            });
            document.querySelectorAll('td.cell').forEach(function (cell) {
              cell.addEventListener('click', function () {
                document.querySelectorAll('.detail').forEach(function (detail) { detail.hidden = true; });
                document.querySelectorAll('td.cell.selected').forEach(function (other) { other.classList.remove('selected'); });
                cell.classList.add('selected');
                var detail = document.getElementById(cell.dataset.detail);
                detail.hidden = false;
                detail.scrollIntoView({block: 'nearest'});
              });
            });
            """;
}
