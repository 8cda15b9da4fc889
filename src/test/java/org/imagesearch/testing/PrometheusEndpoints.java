package org.imagesearch.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Prometheus endpoints of a Flink cluster whose processes each took a port of one range
 * ({@code metrics.reporter.prom.port: FIRST-LAST}), scraped over loopback as Prometheus would.
 */
public final class PrometheusEndpoints {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final int first;
    private final int last;

    public PrometheusEndpoints(int first, int last) {
        this.first = first;
        this.last = last;
    }

    /** The range as the reporter's {@code port} option takes it. */
    public String portRange() {
        return first + "-" + last;
    }

    /** The text of every endpoint that answers in the range. */
    public List<String> scrape() throws InterruptedException {
        List<String> pages = new ArrayList<>();
        for (int port = first; port <= last; port++) {
            try {
                HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (page.statusCode() == 200) {
                    pages.add(page.body());
                }
            } catch (IOException nothingListens) {
                // a port of the range no process took
            }
        }
        return pages;
    }

    /** The sum over {@code pages} of the samples of {@code metric} whose labels include {@code job_id="job"}. */
    public static double sum(List<String> pages, String metric, String job) {
        Pattern sample = Pattern.compile("^" + Pattern.quote(metric) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
        double sum = 0;
        for (String page : pages) {
            Matcher m = sample.matcher(page);
            while (m.find()) {
                if (m.group(1).contains("job_id=\"" + job + "\"")) {
                    sum += Double.parseDouble(m.group(2));
                }
            }
        }
        return sum;
    }
}
