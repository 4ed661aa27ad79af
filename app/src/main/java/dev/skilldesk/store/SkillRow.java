package dev.skilldesk.store;

import com.j256.ormlite.field.DatabaseField;
import com.j256.ormlite.table.DatabaseTable;

/** ORMLite mapping of the {@code skills} table. */
@DatabaseTable(tableName = "skills")
public class SkillRow {
    @DatabaseField(columnName = "id", generatedId = true)
    long id;
    @DatabaseField(columnName = "namespace", canBeNull = false)
    String namespace;
    @DatabaseField(columnName = "name", canBeNull = false)
    String name;
    @DatabaseField(columnName = "display_name")
    String displayName;
    @DatabaseField(columnName = "description", canBeNull = false)
    String description;
    @DatabaseField(columnName = "persona")
    String persona;
    @DatabaseField(columnName = "tags", canBeNull = false)
    String tagsJson;
    @DatabaseField(columnName = "access_level", canBeNull = false)
    String accessLevel;
    @DatabaseField(columnName = "created_by", canBeNull = false)
    String createdBy;
    @DatabaseField(columnName = "created_at")
    long createdAt;
    @DatabaseField(columnName = "updated_at")
    long updatedAt;
    @DatabaseField(columnName = "active_version")
    int activeVersion;
    @DatabaseField(columnName = "version_count")
    int versionCount;
    @DatabaseField(columnName = "is_deleted")
    boolean deleted;
    /** The active version's errors; null until checked. */
    @DatabaseField(columnName = "errors")
    Integer errors;

    SkillRow() {
        // for ORMLite
    }
}
