package dev.infrajunit.assertions.facts;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.Host;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requests a URL from the host itself, with {@code curl} or else {@code wget}, as a GET without a
 * body. The status reported is that of the first response: redirects are not followed by curl,
 * and of wget's responses the first one counts.
 */
public final class HttpProbe {

    public static final int TIMEOUT_SECONDS = 10;

    private static final String CURL = "curl -sS --max-time " + TIMEOUT_SECONDS + " -w '\\n%{http_code}' -- {0}";
    /*
     * GNU wget (and wget2) retries up to 20 times by default, so it is told to try once: -t 1.
     * BusyBox's wget tries once anyway and may know neither -t nor -T (Debian's build crashes on
     * -T): it gets -T only when its usage text lists it, and is otherwise bounded by the host's
     * command timeout. Which wget it is shows in --help, read in the same command.
     */
    private static final String WGET_GET = "wget -q -S -O - ";
    private static final String WGET = "case \"$(wget --help 2>&1)\" in"
            + " *--tries*) " + WGET_GET + "-T " + TIMEOUT_SECONDS + " -t 1 -- {0};;"
            + " *'-T SEC'*) " + WGET_GET + "-T " + TIMEOUT_SECONDS + " -- {0};;"
            + " *) " + WGET_GET + "-- {0};; esac";
    private static final Pattern STATUS_LINE = Pattern.compile("^\\s*HTTP/\\S+\\s+(\\d{3})");

    private HttpProbe() {
    }

    /**
     * What the endpoint answered.
     *
     * @param status  the HTTP status, empty when no response came
     * @param failure why no response came: the client's own message
     * @param source  the client command and the host it ran on
     */
    public record Response(OptionalInt status, String body, String failure, String source) {
    }

    /** Only http and https URLs: anything else is a mistake in the spec, not something to send. */
    public static void requireHttpUrl(String url) {
        if (!url.matches("(?i)https?://[^\\s]+")) {
            throw new IllegalArgumentException("'" + url + "' is not an http:// or https:// URL");
        }
    }

    public static Response get(Host host, String url) {
        requireHttpUrl(url);
        CommandResult curl = host.run(Command.of(CURL, url));
        if (!curl.commandNotFound()) {
            return parseCurl(curl, "curl " + url + " on " + host.name());
        }
        CommandResult wget = host.run(Command.of(WGET, url));
        if (wget.commandNotFound()) {
            throw HostTools.missing(host, url, "neither curl nor wget is installed");
        }
        return parseWget(wget, "wget " + url + " on " + host.name());
    }

    /** curl prints the body, then a newline and the status code ({@code 000} when nothing answered). */
    static Response parseCurl(CommandResult result, String source) {
        String out = result.stdout();
        int newline = out.lastIndexOf('\n');
        String code = out.substring(newline + 1).strip();
        String body = newline < 0 ? "" : out.substring(0, newline);
        if (!code.matches("\\d{3}") || code.equals("000")) {
            // curl says how long it tried ("after 0 ms"); leaving that out keeps the message the same run after run
            String why = HostTools.firstLine(result.stderr()).replaceAll(" after \\d+ ms", "");
            return new Response(OptionalInt.empty(), body, why.isEmpty() ? "curl exited with " + result.exitStatus() : why, source);
        }
        return new Response(OptionalInt.of(Integer.parseInt(code)), body, "", source);
    }

    /** wget -S prints the response headers on stderr, each status line as {@code   HTTP/1.1 200 OK}. */
    static Response parseWget(CommandResult result, String source) {
        List<String> headers = result.stderr().lines().toList();
        for (String line : headers) {
            Matcher m = STATUS_LINE.matcher(line);
            if (m.find()) {
                return new Response(OptionalInt.of(Integer.parseInt(m.group(1))), result.stdout(), "", source);
            }
        }
        String why = result.stderr().isBlank() ? "wget exited with " + result.exitStatus() + wgetExitMeaning(result.exitStatus())
                : HostTools.firstLine(result.stderr());
        return new Response(OptionalInt.empty(), "", why, source);
    }

    private static String wgetExitMeaning(int status) {
        return switch (status) {
            case 4 -> " (network failure)";
            case 5 -> " (TLS verification failure)";
            case 6 -> " (authentication failure)";
            case 7 -> " (protocol error)";
            default -> "";
        };
    }
}
