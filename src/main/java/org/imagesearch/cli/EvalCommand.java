package org.imagesearch.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.imagesearch.config.EmbeddingOptions;
import org.imagesearch.config.JobOptions;
import org.imagesearch.config.SearchOptions;
import org.imagesearch.config.Settings;
import org.imagesearch.config.SettingsBuilder;
import org.imagesearch.dataset.Dataset;
import org.imagesearch.embed.PcaWhitening;
import org.imagesearch.eval.CopyDetection;
import org.imagesearch.eval.EvalReport;
import org.imagesearch.eval.Evaluation;
import org.imagesearch.store.SettingsResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code eval}: retrieval quality through the real pipeline, one JSON line plus a Markdown report with result
 * grids. For a CIFAR {@code train.bin} the {@code test.bin} beside it gives the queries unless told otherwise.
 * {@code --copies} measures copy detection on the same index instead ({@link CopyDetection}).
 */
@Command(name = "eval", mixinStandardHelpOptions = true, description = {
        "Retrieval quality through the real pipeline: index the data set into a table of its own, "
                + "ask for the 20 nearest neighbours of every query, print one JSON line and write a Markdown "
                + "report with result grids.",
        "Relevant = same class. For a CIFAR train.bin the test.bin beside it gives the queries; otherwise each "
                + "indexed image queries the others.",
        "With --copies N: copy detection instead, rank-1 of every edited copy of the first N images among all "
                + "indexed ones and the precision/recall of duplicate_of by distance; the report is copies.md."})
final class EvalCommand implements Callable<Integer> {
    @Mixin
    private DatasetOption dataset;

    @Option(names = "--query-dataset", paramLabel = "PATH",
            description = "where the queries come from (default: test.bin beside a CIFAR train.bin, else the data set)")
    private Path queryDataset;

    @Option(names = "--database-limit", paramLabel = "N", description = "index the first N images (default: all)")
    private Integer databaseLimit;

    @Option(names = "--queries", paramLabel = "N", description = "queries asked (default: ${DEFAULT-VALUE})")
    private int queries = 1000;

    @Option(names = "--whitening", paramLabel = "DIMS", description = "first index into <table>_raw, learn PCA "
            + "whitening to DIMS dimensions from those vectors, store it, then index again with it (default: 0, none)")
    private int whitening = 0;

    @Option(names = "--whitening-shrinkage", paramLabel = "S",
            description = "shrinkage of the learned whitening, 0..1 (default: ${DEFAULT-VALUE})")
    private double whiteningShrinkage = PcaWhitening.DEFAULT_SHRINKAGE;

    @Option(names = "--whitening-sample", paramLabel = "N",
            description = "vectors the whitening is learned from (default: ${DEFAULT-VALUE})")
    private int whiteningSample = PcaWhitening.DEFAULT_SAMPLE;

    @Option(names = "--reuse-index", description = "query the table an earlier run indexed (same images, same "
            + "descriptor), to try query-time options such as --ef-search without indexing again")
    private boolean reuseIndex;

    @Option(names = "--copies", paramLabel = "N", description = "copy detection instead: index the data set (the "
            + "distinct images), search every edited copy of its first N images, report rank-1 per edit and the "
            + "precision/recall of duplicate_of by distance (README, Near-duplicates)")
    private Integer copies;

    @Option(names = "--seed", paramLabel = "N", description = "seed of the copies' crops and captions (default: "
            + "${DEFAULT-VALUE})")
    private long seed = Dataset.DEFAULT_SEED;

    @Option(names = "--report", paramLabel = "DIR", description = "where the report goes (default: ${DEFAULT-VALUE})")
    private Path report = Path.of("eval-report");

    @Mixin
    private EmbeddingOptions embedding = new EmbeddingOptions("image_search_eval");
    @Mixin
    private JobOptions job;
    @Mixin
    private SearchOptions search;

    @Override
    public Integer call() throws Exception {
        if (copies != null) {
            checkCopyOptions();
        }
        Settings configured = new SettingsBuilder().with(embedding).with(job).with(search).build();
        Settings settings = SettingsResolver.resolve(configured, embedding.projection());
        if (copies != null) {
            return copyDetection(settings);
        }
        Path queryPath = queryDataset();
        try (Dataset indexed = Dataset.open(dataset.path(), Dataset.DEFAULT_SEED, true);
             Dataset asked = queryPath == null ? null : Dataset.open(queryPath, Dataset.DEFAULT_SEED, true)) {
            Evaluation.Whitening whitened = whitening == 0 ? null
                    : new Evaluation.Whitening(whitening, whiteningShrinkage, whiteningSample);
            int limit = databaseLimit == null ? indexed.size() : databaseLimit;
            Evaluation evaluation = new Evaluation(settings, indexed, limit, asked, queries,
                    new Evaluation.Plan(whitened, settings.search().queryExpansion(), reuseIndex));
            long total = Math.min(limit, indexed.size());
            announce(settings, indexed, total);
            ProgressBar bar = new ProgressBar();
            Evaluation.Outcome outcome = evaluation.run(done -> bar.update(done, total, "indexed"));
            bar.finish();
            EvalReport.write(report, outcome);
            System.err.println("Report: " + report.resolve("report.md"));
            System.out.println(outcome.json());
        }
        return 0;
    }

    private void announce(Settings settings, Dataset indexed, long total) {
        System.err.println(reuseIndex ? "Querying table " + settings.database().table().name() + " as indexed before"
                : "Indexing " + total + " images of " + indexed.describe() + " through the ingest pipeline");
    }

    /** Refused before the database is reached. */
    private void checkCopyOptions() {
        if (copies < 1) {
            throw new IllegalArgumentException("--copies must be at least 1, got " + copies);
        }
        if (whitening != 0) {
            throw new IllegalArgumentException("--copies measures the configured descriptor: give a learned "
                    + "--projection rather than --whitening");
        }
    }

    private int copyDetection(Settings settings) throws Exception {
        try (Dataset indexed = Dataset.open(dataset.path(), Dataset.DEFAULT_SEED, true)) {
            int limit = databaseLimit == null ? indexed.size() : databaseLimit;
            CopyDetection detection = new CopyDetection(settings, indexed, limit, copies, seed, reuseIndex);
            long total = Math.min(limit, indexed.size());
            announce(settings, indexed, total);
            ProgressBar bar = new ProgressBar();
            long originals = Math.min(copies, total);
            CopyDetection.Outcome outcome = detection.run(done -> bar.update(done, total, "indexed"),
                    done -> bar.update(done, originals, "originals' copies searched"));
            bar.finish();
            Files.createDirectories(report);
            Files.writeString(report.resolve("copies.md"), outcome.markdown());
            System.err.print(outcome.markdown());
            System.out.println(outcome.json());
        }
        return 0;
    }

    private Path queryDataset() {
        if (queryDataset != null) {
            return queryDataset;
        }
        Path train = dataset.path();
        Path test = train.resolveSibling("test.bin");
        return train.getFileName().toString().equals("train.bin") && Files.isRegularFile(test) ? test : null;
    }
}
