package io.omniroute.gateway.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The {@code --commands FILE} and {@code --out FILE} options of the commands that turn a JSON Lines command stream
 * into one result line per command ({@code @Mixin}).
 */
final class CommandStreamOptions
{
    @Option(names = "--commands", required = true, paramLabel = "FILE", description = "JSON Lines commands")
    Path commands;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "results, JSON Lines ('-' = stdout)")
    String out;
}
