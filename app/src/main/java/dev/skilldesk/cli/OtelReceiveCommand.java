package dev.skilldesk.cli;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.telemetry.ClaudeCodeTelemetry;
import dev.skilldesk.telemetry.OtlpReceiver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "otel-receive", description = {
        "Receive Claude Code's OpenTelemetry logs (OTLP/HTTP at http://HOST:PORT/v1/logs, protobuf or JSON; OTLP/gRPC"
                + " at http://HOST:GRPC-PORT) and record each claude_code.skill_activated event as an activation (type"
                + " claude_code_otel), with its trigger, source, plugin, marketplace and kind.",
        "Point Claude Code at it: CLAUDE_CODE_ENABLE_TELEMETRY=1 OTEL_LOGS_EXPORTER=otlp and either"
                + " OTEL_EXPORTER_OTLP_PROTOCOL=grpc OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4317 or"
                + " OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf OTEL_EXPORTER_OTLP_LOGS_ENDPOINT=http://127.0.0.1:4318/v1/logs"
                + " (and OTEL_LOG_TOOL_DETAILS=1 for the names of your own skills). Runs until stopped."})
final class OtelReceiveCommand implements Callable<Integer> {
    @ParentCommand
    SkillDeskCli root;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "The address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "4318",
            description = "The port (default: ${DEFAULT-VALUE}, OTLP/HTTP's; 0: any free port).")
    int port;

    @Option(names = "--grpc-port", paramLabel = "PORT", defaultValue = "4317",
            description = "OTLP/gRPC's port (default: ${DEFAULT-VALUE}; 0: any free port; -1: no gRPC).")
    int grpcPort;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            root.err.println("skilldesk otel-receive: --port must be 0 to 65535, not " + port);
            return ExitCodes.USAGE;
        }
        if (grpcPort < -1 || grpcPort > 65535) {
            root.err.println("skilldesk otel-receive: --grpc-port must be -1 to 65535, not " + grpcPort);
            return ExitCodes.USAGE;
        }
        SkillDeskCore core = root.open();
        OtlpReceiver receiver;
        try {
            receiver = OtlpReceiver.start(core.claudeCodeTelemetry(root.principal()), host, port, grpcPort, r -> {
                root.err.println("skilldesk otel-receive: " + r.events() + " skill_activated event(s): " + r.added()
                        + " recorded, " + r.already() + " already recorded, " + r.unmatched() + " not in the library, "
                        + r.masked() + " masked (set OTEL_LOG_TOOL_DETAILS=1 in Claude Code for your skills' names)");
                root.err.flush();
            });
        } catch (java.io.IOException e) {
            core.close();
            root.err.println("skilldesk otel-receive: cannot listen on " + host + " (ports " + port
                    + (grpcPort >= 0 ? " and " + grpcPort : "") + "): " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            receiver.close();
            for (ClaudeCodeTelemetry.UnmatchedName u : core.claudeCodeTelemetry(root.principal()).unmatched()) {
                root.err.println("  unmatched: " + (u.masked() ? "(masked) " : "") + (u.name().isEmpty() ? "(no name)"
                        : u.name()) + " × " + u.count());
            }
            root.err.flush();
            core.close();
            stopped.countDown();
        }, "skilldesk-otel-close"));
        root.err.println("skilldesk otel-receive: recording into " + core.dataDir() + " as agent '"
                + root.principal().agentId() + "'");
        root.err.println("receiving " + receiver.endpoint());
        if (receiver.grpcEndpoint() != null) {
            root.err.println("receiving OTLP/gRPC " + receiver.grpcEndpoint());
        }
        root.err.flush();
        stopped.await();
        return ExitCodes.OK;
    }
}
