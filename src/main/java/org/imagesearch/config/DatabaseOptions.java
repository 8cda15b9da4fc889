package org.imagesearch.config;

import picocli.CommandLine.Option;

/** Options for the connection part of {@link Settings.Database}; the table has {@link TableOptions}. */
public final class DatabaseOptions {
    @Option(names = "--jdbc-url", paramLabel = "URL",
            description = "PostgreSQL with pgvector (default: ${DEFAULT-VALUE}, the server of deploy/local/postgres.sh)")
    private String jdbcUrl = "jdbc:postgresql://127.0.0.1:55432/imagesearch";

    @Option(names = "--db-user", paramLabel = "NAME", description = "database user (default: ${DEFAULT-VALUE})")
    private String user = "imagesearch";

    // No ${DEFAULT-VALUE}: help would show the password, which may come from the environment.
    @Option(names = "--db-password", paramLabel = "PASSWORD",
            description = "database password; prefer IMAGE_SEARCH_DB_PASSWORD to the flag; never printed")
    private String password = "imagesearch";

    public Settings.Database database(TableSpec table, Double duplicateDistance) {
        return new Settings.Database(jdbcUrl, user, password, table, duplicateDistance);
    }
}
