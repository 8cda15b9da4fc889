package org.imagesearch.cli;

import picocli.CommandLine.Command;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks; each prints one JSON line.",
        subcommands = {BenchIngestCommand.class, BenchModelCommand.class, BenchQueryCommand.class, BenchSoakCommand.class,
                BenchStoreCommand.class})
final class BenchCommand extends CommandGroup {}
