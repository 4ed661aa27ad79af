package dev.skilldesk.cli;

import dev.skilldesk.bench.SyntheticCorpus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "generate-corpus", description = "Write N deterministic synthetic skills (2-10 KB bodies) as folders, for tests and benchmarks.")
final class GenerateCorpusCommand implements Callable<Integer> {
    @ParentCommand
    SkillDeskCli root;

    @Option(names = "--size", defaultValue = "1000", description = "How many skills (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to write them into.")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "The seed: the same seed writes the same skills (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        SyntheticCorpus.write(out, size, seed);
        root.out.println("wrote " + size + " skills under " + out.toAbsolutePath());
        return ExitCodes.OK;
    }
}
