package dev.skilldesk.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every tool says what each of its arguments is for, and what it does to the library (MCP's annotations). */
class McpToolSchemasTest {
    @Test
    void everyPropertyHasADescriptionAndEveryToolItsHints() {
        List<McpServerFeatures.SyncToolSpecification> specs = new McpSkillServer(null, "test")
                .specifications(McpJsonDefaults.getMapper());
        List<String> undescribed = new ArrayList<>();
        for (var spec : specs) {
            McpSchema.Tool tool = spec.tool();
            @SuppressWarnings("unchecked")
            Map<String, Object> properties = (Map<String, Object>) tool.inputSchema().get("properties");
            for (Map.Entry<String, Object> p : properties.entrySet()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> property = (Map<String, Object>) p.getValue();
                if (!(property.get("description") instanceof String d) || d.isBlank()) {
                    undescribed.add(tool.name() + "." + p.getKey());
                }
            }
            McpSchema.ToolAnnotations hints = tool.annotations();
            assertThat(hints).as(tool.name() + " annotations").isNotNull();
            assertThat(hints.openWorldHint()).as(tool.name() + " reaches only the library").isFalse();
            assertThat(hints.destructiveHint()).as(tool.name() + " destroys nothing").isFalse();
            assertThat(hints.readOnlyHint()).as(tool.name()).isEqualTo(!tool.name().equals(McpSkillServer.GET)
                    && !tool.name().equals(McpSkillServer.OUTCOME));
        }
        assertThat(undescribed).as("arguments without a description").isEmpty();
    }
}
