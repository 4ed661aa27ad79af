package dev.skilldesk.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the CLI in-process against a data directory and captures what it prints. */
final class CliRunner {
    record Result(int code, String out, String err) {
    }

    final Map<String, String> env = new HashMap<>();

    CliRunner(Path dataDir) {
        env.put("SKILLDESK_DATA_DIR", dataDir.toString());
        env.put("SKILLDESK_AUTHOR", "author");
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SkillDeskCli.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }
}
