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
        java.util.Deque<java.util.Map.Entry<String, CommandLine>> todo = new java.util.ArrayDeque<>();
        cl.getSubcommands().forEach((k, v) -> todo.add(java.util.Map.entry(k, v)));
        while (!todo.isEmpty()) { // every command, the nested ones (source add, profile apply) too
            var e = todo.poll();
            String name = e.getKey();
            e.getValue().getSubcommands().forEach((k, v) -> todo.add(java.util.Map.entry(name + " " + k, v)));
            CliRunner.Result help = cli.run((name + " --help").split(" "));
            assertThat(help.code()).as(name + " --help: " + help.err()).isZero();
            assertThat(help.out()).as(name + " --help").contains("Usage: skilldesk " + name);
            for (CommandLine.Model.OptionSpec o : e.getValue().getCommandSpec().options()) {
                if (String.join("", o.description()).isBlank()) {
                    undescribed.add(name + " " + o.longestName());
                }
            }
            for (CommandLine.Model.PositionalParamSpec p : e.getValue().getCommandSpec().positionalParameters()) {
                if (String.join("", p.description()).isBlank()) {
                    undescribed.add(name + " " + p.paramLabel());
                }
            }
        }
        assertThat(undescribed).as("options without a description").isEmpty();
    }
}
