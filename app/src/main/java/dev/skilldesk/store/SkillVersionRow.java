package dev.skilldesk.store;

import com.j256.ormlite.field.DatabaseField;
import com.j256.ormlite.table.DatabaseTable;

/** ORMLite mapping of the {@code skill_versions} table (append-only). */
@DatabaseTable(tableName = "skill_versions")
public class SkillVersionRow {
    @DatabaseField(columnName = "id", generatedId = true)
    long id;
    @DatabaseField(columnName = "skill_id")
    long skillId;
    @DatabaseField(columnName = "version")
    int version;
    @DatabaseField(columnName = "content", canBeNull = false)
    String content;
    @DatabaseField(columnName = "metadata_json", canBeNull = false)
    String metadataJson;
    @DatabaseField(columnName = "core_instructions", canBeNull = false)
    String coreInstructions;
    @DatabaseField(columnName = "content_hash", canBeNull = false)
    String contentHash;
    @DatabaseField(columnName = "tokens_layer1")
    int tokensLayer1;
    @DatabaseField(columnName = "tokens_layer2")
    int tokensLayer2;
    @DatabaseField(columnName = "tokens_layer3")
    int tokensLayer3;
    @DatabaseField(columnName = "created_by", canBeNull = false)
    String createdBy;
    @DatabaseField(columnName = "created_at")
    long createdAt;
    @DatabaseField(columnName = "note")
    String note;
    @DatabaseField(columnName = "errors")
    Integer errors;
    @DatabaseField(columnName = "warnings")
    Integer warnings;
    /** The revision of the rules the counts are of ({@code Checks.REVISION}); null: never checked. */
    @DatabaseField(columnName = "rules_revision")
    Integer rulesRevision;

    SkillVersionRow() {
        // for ORMLite
    }
}
