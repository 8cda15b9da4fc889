package org.imagesearch.cli;

import java.util.Arrays;
import org.imagesearch.ingest.IngestJob;
import org.imagesearch.queryjob.QueryJob;

/** {@code bin/image-search <subcommand> [options]}: the one entry point of the project. */
public final class Main {
    private static final String USAGE = """
            usage: bin/image-search <subcommand> [options]

              demo         index real images on the embedded default (Kafka + Flink MiniCluster + local
                           PostgreSQL/pgvector), then print the 20 nearest neighbours of one image
                           [--dataset PATH] [--limit N] [--query-id ID] [--json]
              walkthrough  the reference walk-through: index the training split through the pipeline into
                           reference.image_search (id integer, class text, image_vector real[]) with an HNSW
                           index on image_vector::vector(1000), print the 20 rows of the reference's query
                           and draw them as a 4x5 grid
                           [--dataset PATH] [--limit N] [--query-id 4999] [--grid walkthrough.png] [--json]
              ingest       run the ingest job against the configured Kafka and PostgreSQL (blocks)
              query-job    run the query job: requests topic in, answers on the results topic (blocks)
              serve        the search service and web page [--port 8080] [--host 127.0.0.1]
              search       one query: --image FILE | --id ID [-k 20] [--class C] [--json] [--grid out.png]
              publish      publish a data set or image folder to the ingest topic
                           --dataset PATH [--limit N] [--first-id ID] [--inline]
              eval         retrieval quality through the real pipeline: --dataset PATH [--query-dataset PATH]
                           [--database-limit N] [--queries N] [--descriptor NAME] [--input-size N]
                           [--whitening DIMS] [--query-expansion N] [--reuse-index] [--report DIR]
              projection learn   learn PCA whitening from the table's vectors, stored as a new version
                           [--dims 128] [--shrinkage 0.1] [--sample 10000]
              bench ingest measure ingestion throughput and latency [--limit N] [--json]
              bench query  measure search latency over HTTP and ANN recall [--limit N]

            Job options (or IMAGE_SEARCH_<OPTION> variables) are listed in the README, Configuration.
            """;

    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            System.out.print(USAGE);
            return;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (args[0]) {
                case "demo" -> DemoCommand.run(rest);
                case "walkthrough" -> WalkthroughCommand.run(rest);
                case "ingest" -> IngestJob.main(rest);
                case "query-job" -> QueryJob.main(rest);
                case "serve" -> ServeCommand.run(rest);
                case "search" -> SearchCommand.run(rest);
                case "publish" -> PublishCommand.run(rest);
                case "bench" -> BenchCommand.run(rest);
                case "eval" -> EvalCommand.run(rest);
                case "projection" -> ProjectionCommand.run(rest);
                default -> {
                    System.err.println("unknown subcommand '" + args[0] + "'\n");
                    System.err.print(USAGE);
                    System.exit(2);
                }
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("image-search " + args[0] + ": " + e.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }
}
