package org.imagesearch.config;

import picocli.CommandLine.Option;

/** Options for {@link Settings.QueryTopics}: the query job's requests and answers. */
public final class QueryTopicOptions {
    @Option(names = "--requests-topic", paramLabel = "NAME", description = "lookups in (default: ${DEFAULT-VALUE})")
    private String requestsTopic = "image-queries";

    @Option(names = "--results-topic", paramLabel = "NAME", description = "answers out (default: ${DEFAULT-VALUE})")
    private String resultsTopic = "image-query-results";

    public Settings.QueryTopics topics() {
        return new Settings.QueryTopics(requestsTopic, resultsTopic);
    }
}
