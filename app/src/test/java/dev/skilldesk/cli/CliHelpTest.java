package dev.skilldesk.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command answers --help, and every option and parameter says what it is for. */
class CliHelpTest {
    @TempDir
    Path dir;

    @Test
    void everyCommandHasHelpAndEveryOptionADescription() {
        CommandLine cl = SkillDeskCli.commandLine(new SkillDeskCli());
        List<String> undescribed = new ArrayList<>();
        CliRunner cli = new CliRunner(dir.resolve("lib"));
        for (var e : cl.getSubcommands().entrySet()) {
            CliRunner.Result help = cli.run(e.getKey(), "--help");
            assertThat(help.code()).as(e.getKey() + " --help: " + help.err()).isZero();
            assertThat(help.out()).as(e.getKey() + " --help").contains("Usage: skilldesk " + e.getKey());
            for (CommandLine.Model.OptionSpec o : e.getValue().getCommandSpec().options()) {
                if (String.join("", o.description()).isBlank()) {
                    undescribed.add(e.getKey() + " " + o.longestName());
                }
            }
            for (CommandLine.Model.PositionalParamSpec p : e.getValue().getCommandSpec().positionalParameters()) {
                if (String.join("", p.description()).isBlank()) {
                    undescribed.add(e.getKey() + " " + p.paramLabel());
                }
            }
        }
        assertThat(undescribed).as("options without a description").isEmpty();
    }
}
