package dev.skilldesk.store;

import com.j256.ormlite.field.DatabaseField;
import com.j256.ormlite.table.DatabaseTable;

/** ORMLite mapping of {@code skill_shares}: the whitelist of a shared skill. */
@DatabaseTable(tableName = "skill_shares")
public class ShareRow {
    @DatabaseField(columnName = "id", generatedId = true)
    long id;
    @DatabaseField(columnName = "skill_id")
    long skillId;
    @DatabaseField(columnName = "agent_id", canBeNull = false)
    String agentId;

    ShareRow() {
        // for ORMLite
    }

    ShareRow(long skillId, String agentId) {
        this.skillId = skillId;
        this.agentId = agentId;
    }
}
