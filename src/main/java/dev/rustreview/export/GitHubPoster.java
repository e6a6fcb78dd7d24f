package dev.rustreview.export;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rustreview.io.Json;
import dev.rustreview.model.BadInputException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sends a {@link GitHubReview} payload to a pull request through GitHub's REST API. */
public final class GitHubPoster {

    /** {@code owner/repo#N}. */
    public record PullRequest(String owner, String repo, int number) {
        private static final Pattern FORM = Pattern.compile("([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+)#(\\d{1,9})");

        public static PullRequest parse(String text) {
            Matcher m = FORM.matcher(text == null ? "" : text.trim());
            if (!m.matches()) {
                throw new BadInputException("pull request '" + text + "' is not owner/repo#N: pass e.g. --pr octo/app#12");
            }
            return new PullRequest(m.group(1), m.group(2), Integer.parseInt(m.group(3)));
        }
    }

    private final URI api;
    private final String token;
    private final HttpClient client;

    /** @param api {@code https://api.github.com}, or an Enterprise server's API root */
    public GitHubPoster(URI api, String token) {
        if (token == null || token.isBlank()) {
            throw new BadInputException("posting to GitHub needs a token: set GITHUB_TOKEN");
        }
        this.api = api;
        this.token = token;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Posts the review; returns the review's web address when GitHub gives one. */
    public String post(PullRequest pr, ObjectNode payload) {
        URI target = URI.create(api.toString().replaceAll("/+$", "") + "/repos/" + pr.owner() + "/" + pr.repo()
                + "/pulls/" + pr.number() + "/reviews");
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/vnd.github+json")
                    .header("Authorization", "Bearer " + token)
                    .header("X-GitHub-Api-Version", "2022-11-28")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(payload))).build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new BadInputException("could not reach " + target.getHost() + " to post the review ("
                    + reason(e) + "): check the network, or export with --format github and post it later");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadInputException("posting the review was interrupted: nothing was posted");
        }
        if (response.statusCode() / 100 != 2) {
            throw new BadInputException("GitHub refused the review for " + pr.owner() + "/" + pr.repo() + "#"
                    + pr.number() + " (HTTP " + response.statusCode() + "): " + firstLine(message(response.body())));
        }
        return firstLine(readField(response.body(), "html_url"));
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage()
                    : e.getClass().getSimpleName();
        }
        return firstLine(m);
    }

    private static String message(String body) {
        String m = readField(body, "message");
        return m.isEmpty() ? "no message" : m;
    }

    private static String readField(String body, String field) {
        try {
            return Json.mapper().readTree(body).path(field).asText("");
        } catch (IOException e) {
            return "";
        }
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
