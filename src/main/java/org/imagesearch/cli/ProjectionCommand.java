package org.imagesearch.cli;

import picocli.CommandLine.Command;

@Command(name = "projection", mixinStandardHelpOptions = true, description = "Stored projections of the vectors.",
        subcommands = ProjectionLearnCommand.class)
final class ProjectionCommand extends CommandGroup {}
