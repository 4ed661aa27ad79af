package dev.skilldesk.store;

import com.j256.ormlite.field.DataType;
import com.j256.ormlite.field.DatabaseField;
import com.j256.ormlite.table.DatabaseTable;

/** ORMLite mapping of the {@code skill_files} table: one resource file of one version. */
@DatabaseTable(tableName = "skill_files")
public class SkillFileRow {
    @DatabaseField(columnName = "id", generatedId = true)
    long id;
    @DatabaseField(columnName = "version_id")
    long versionId;
    @DatabaseField(columnName = "path", canBeNull = false)
    String path;
    @DatabaseField(columnName = "content", dataType = DataType.BYTE_ARRAY, canBeNull = false)
    byte[] content;
    @DatabaseField(columnName = "sha256", canBeNull = false)
    String sha256;
    @DatabaseField(columnName = "size")
    long size;
    @DatabaseField(columnName = "is_text")
    boolean text;

    SkillFileRow() {
        // for ORMLite
    }
}
