package dev.skilldesk.store;

import java.util.List;

/**
 * The schema, as ordered migrations. Never edit a released step: add a new one. The schema version
 * lives in {@code PRAGMA user_version}.
 */
final class Migrations {
    private Migrations() {
    }

    static final List<Migration> ALL = List.of(
            new Migration(1, "skills, versions, files, activations, shares", List.of(
                    """
                    CREATE TABLE skills (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      namespace TEXT NOT NULL,
                      name TEXT NOT NULL,
                      display_name TEXT,
                      description TEXT NOT NULL,
                      persona TEXT,
                      tags TEXT NOT NULL DEFAULT '[]',
                      access_level TEXT NOT NULL
                        CHECK (access_level IN ('private','team','shared','public','system')),
                      created_by TEXT NOT NULL,
                      created_at INTEGER NOT NULL,
                      updated_at INTEGER NOT NULL,
                      active_version INTEGER NOT NULL DEFAULT 0,
                      version_count INTEGER NOT NULL DEFAULT 0,
                      is_deleted INTEGER NOT NULL DEFAULT 0)""",
                    "CREATE UNIQUE INDEX ux_skills_namespace_name ON skills(namespace, name)",
                    "CREATE INDEX ix_skills_created_by ON skills(created_by)",
                    "CREATE INDEX ix_skills_persona ON skills(persona)",
                    "CREATE INDEX ix_skills_is_deleted ON skills(is_deleted)",
                    "CREATE INDEX ix_skills_persona_created ON skills(persona, created_at DESC)",
                    "CREATE INDEX ix_skills_namespace_access ON skills(namespace, access_level)",
                    """
                    CREATE TABLE skill_versions (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      skill_id INTEGER NOT NULL REFERENCES skills(id) ON DELETE CASCADE,
                      version INTEGER NOT NULL,
                      content TEXT NOT NULL,
                      metadata_json TEXT NOT NULL,
                      core_instructions TEXT NOT NULL,
                      content_hash TEXT NOT NULL,
                      tokens_layer1 INTEGER NOT NULL,
                      tokens_layer2 INTEGER NOT NULL,
                      tokens_layer3 INTEGER NOT NULL,
                      created_by TEXT NOT NULL,
                      created_at INTEGER NOT NULL)""",
                    "CREATE UNIQUE INDEX ux_versions_skill_version ON skill_versions(skill_id, version)",
                    "CREATE INDEX ix_versions_created ON skill_versions(created_at DESC)",
                    """
                    CREATE TABLE skill_files (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      version_id INTEGER NOT NULL REFERENCES skill_versions(id) ON DELETE CASCADE,
                      path TEXT NOT NULL,
                      content BLOB NOT NULL,
                      sha256 TEXT NOT NULL,
                      size INTEGER NOT NULL,
                      is_text INTEGER NOT NULL)""",
                    "CREATE UNIQUE INDEX ux_files_version_path ON skill_files(version_id, path)",
                    """
                    CREATE TABLE skill_activations (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      skill_id INTEGER NOT NULL REFERENCES skills(id),
                      version INTEGER NOT NULL,
                      agent_id TEXT NOT NULL,
                      namespace TEXT NOT NULL,
                      activation_type TEXT NOT NULL,
                      layer_loaded INTEGER NOT NULL,
                      tokens_loaded INTEGER NOT NULL,
                      activated_at INTEGER NOT NULL,
                      duration_ms INTEGER NOT NULL,
                      success INTEGER NOT NULL,
                      error_message TEXT)""",
                    "CREATE INDEX ix_activations_agent_time ON skill_activations(agent_id, activated_at)",
                    "CREATE INDEX ix_activations_skill_success ON skill_activations(skill_id, success)",
                    "CREATE INDEX ix_activations_time ON skill_activations(activated_at)",
                    """
                    CREATE TABLE skill_shares (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      skill_id INTEGER NOT NULL REFERENCES skills(id) ON DELETE CASCADE,
                      agent_id TEXT NOT NULL,
                      UNIQUE (skill_id, agent_id))""")),
            new Migration(2, "library settings (author identity, starter library loaded)", List.of(
                    "CREATE TABLE library_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")),
            new Migration(3, "search: keyword index (FTS5), embedding cache, per-skill index state", List.of(
                    // BM25 over name, description, tags and the SKILL.md text, Porter-stemmed. rowid = skills.id.
                    "CREATE VIRTUAL TABLE skills_fts USING fts5(name, description, tags, body,"
                            + " tokenize = 'porter unicode61 remove_diacritics 2')",
                    "INSERT INTO skills_fts(rowid, name, description, tags, body)"
                            + " SELECT s.id, replace(s.name, '-', ' '), s.description, s.tags, v.content FROM skills s"
                            + " JOIN skill_versions v ON v.skill_id = s.id AND v.version = s.active_version",
                    """
                    CREATE TABLE embedding_cache (
                      model_id TEXT NOT NULL,
                      text_sha256 TEXT NOT NULL,
                      dimension INTEGER NOT NULL,
                      vector BLOB NOT NULL,
                      created_at INTEGER NOT NULL,
                      PRIMARY KEY (model_id, text_sha256)) WITHOUT ROWID""",
                    """
                    CREATE TABLE index_state (
                      skill_id INTEGER NOT NULL REFERENCES skills(id) ON DELETE CASCADE,
                      model_id TEXT NOT NULL,
                      version INTEGER NOT NULL,
                      text_sha256 TEXT,
                      state TEXT NOT NULL CHECK (state IN ('indexed', 'failed')),
                      attempts INTEGER NOT NULL DEFAULT 0,
                      error TEXT,
                      next_attempt_at INTEGER NOT NULL DEFAULT 0,
                      updated_at INTEGER NOT NULL,
                      PRIMARY KEY (skill_id, model_id))""",
                    "CREATE INDEX ix_index_state_model_updated ON index_state(model_id, updated_at)",
                    // the indexer notices changes (also other processes') by this high-water mark
                    "CREATE INDEX ix_skills_updated ON skills(updated_at)")),
            new Migration(4, "trigger lab: per-skill test requests that should or should not find the skill", List.of(
                    """
                    CREATE TABLE skill_triggers (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      skill_id INTEGER NOT NULL REFERENCES skills(id) ON DELETE CASCADE,
                      request TEXT NOT NULL,
                      expect TEXT NOT NULL CHECK (expect IN ('find','avoid')),
                      created_at INTEGER NOT NULL)""",
                    "CREATE INDEX ix_triggers_skill ON skill_triggers(skill_id)")),
            new Migration(5, "activation keys and reported outcomes, installed copies, lookup by name", List.of(
                    // An opaque key for activations that someone outside refers to later: the MCP server's
                    // activation_id ("mcp:<uuid>") or a Claude Code tool_use id ("claude-code:<id>"), which
                    // makes re-importing a transcript add nothing.
                    "ALTER TABLE skill_activations ADD COLUMN activation_key TEXT",
                    "CREATE UNIQUE INDEX ux_activations_key ON skill_activations(activation_key)"
                            + " WHERE activation_key IS NOT NULL",
                    // When the agent reported how using the skill went (null: never reported).
                    "ALTER TABLE skill_activations ADD COLUMN outcome_at INTEGER",
                    """
                    CREATE TABLE skill_installs (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      skill_id INTEGER NOT NULL REFERENCES skills(id) ON DELETE CASCADE,
                      version INTEGER NOT NULL,
                      target_path TEXT NOT NULL UNIQUE,
                      content_hash TEXT NOT NULL,
                      installed_by TEXT NOT NULL,
                      installed_at INTEGER NOT NULL)""",
                    "CREATE INDEX ix_installs_skill ON skill_installs(skill_id)",
                    // "plain name, any namespace" lookups (MCP get_skill, transcript import)
                    "CREATE INDEX ix_skills_name ON skills(name)")),
            new Migration(6, "activation outcomes can be unknown (success null): an unreported one is no success", List.of(
                    // SQLite cannot drop NOT NULL in place: the table is rebuilt with the same columns
                    """
                    CREATE TABLE skill_activations_v6 (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      skill_id INTEGER NOT NULL REFERENCES skills(id),
                      version INTEGER NOT NULL,
                      agent_id TEXT NOT NULL,
                      namespace TEXT NOT NULL,
                      activation_type TEXT NOT NULL,
                      layer_loaded INTEGER NOT NULL,
                      tokens_loaded INTEGER NOT NULL,
                      activated_at INTEGER NOT NULL,
                      duration_ms INTEGER NOT NULL,
                      success INTEGER CHECK (success IN (0, 1)),
                      error_message TEXT,
                      activation_key TEXT,
                      outcome_at INTEGER)""",
                    "INSERT INTO skill_activations_v6 (id, skill_id, version, agent_id, namespace, activation_type,"
                            + " layer_loaded, tokens_loaded, activated_at, duration_ms, success, error_message,"
                            + " activation_key, outcome_at)"
                            + " SELECT id, skill_id, version, agent_id, namespace, activation_type, layer_loaded,"
                            + " tokens_loaded, activated_at, duration_ms,"
                            // an MCP activation nobody reported on was stored as a success: it is unknown
                            + " CASE WHEN activation_type = 'mcp_tool' AND outcome_at IS NULL THEN NULL ELSE success END,"
                            + " error_message, activation_key, outcome_at FROM skill_activations",
                    "DROP TABLE skill_activations",
                    "ALTER TABLE skill_activations_v6 RENAME TO skill_activations",
                    "CREATE INDEX ix_activations_agent_time ON skill_activations(agent_id, activated_at)",
                    "CREATE INDEX ix_activations_skill_success ON skill_activations(skill_id, success)",
                    "CREATE INDEX ix_activations_time ON skill_activations(activated_at)",
                    "CREATE UNIQUE INDEX ux_activations_key ON skill_activations(activation_key)"
                            + " WHERE activation_key IS NOT NULL")),
            new Migration(7, "the change feed: every write adds a row with a monotonic sequence number", changeFeed()),
            new Migration(8, "FTS5 rows are written from the change feed, after the save: their position", List.of(
                    "CREATE TABLE keyword_rows_state (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL)",
                    // the rows were written inside each save until now, so they are current at this position
                    "INSERT INTO keyword_rows_state (id, seq) VALUES (1, coalesce((SELECT seq FROM sqlite_sequence"
                            + " WHERE name = 'library_changes'), 0))")),
            new Migration(9, "a note with each version (why it was saved: an import, an edit, a rollback)", List.of(
                    "ALTER TABLE skill_versions ADD COLUMN note TEXT")),
            new Migration(10, "telemetry: how an agent started a skill and where it had it from; names not matched", List.of(
                    "ALTER TABLE skill_activations ADD COLUMN invocation_trigger TEXT",
                    "ALTER TABLE skill_activations ADD COLUMN skill_source TEXT",
                    // one row per event that named no library skill (or a masked name): counted, never guessed;
                    // keyed like activations, so a batch sent twice counts once
                    """
                    CREATE TABLE telemetry_unmatched (
                      event_key TEXT PRIMARY KEY,
                      source TEXT NOT NULL,
                      name TEXT NOT NULL,
                      masked INTEGER NOT NULL,
                      seen_at INTEGER NOT NULL
                    )""")),
            new Migration(11, "sources (folders, packages, git repositories, marketplaces) and where each skill came from", sources()),
            new Migration(12, "profiles: named sets of skills, applied to a project for chosen agents", List.of(
                    """
                    CREATE TABLE profiles (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      name TEXT NOT NULL UNIQUE,
                      created_by TEXT NOT NULL,
                      created_at INTEGER NOT NULL
                    )""",
                    """
                    CREATE TABLE profile_skills (
                      profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
                      skill_id INTEGER NOT NULL REFERENCES skills(id) ON DELETE CASCADE,
                      PRIMARY KEY (profile_id, skill_id)
                    )""")),
            new Migration(13, "validation: each version's errors and warnings under the rules of a given revision, and the"
                    + " active version's errors on the skill (a skill with errors is stored, needs fixes, and stays from agents)",
                    List.of(
                    "ALTER TABLE skill_versions ADD COLUMN errors INTEGER",
                    "ALTER TABLE skill_versions ADD COLUMN warnings INTEGER",
                    "ALTER TABLE skill_versions ADD COLUMN rules_revision INTEGER",
                    "ALTER TABLE skills ADD COLUMN errors INTEGER",
                    "CREATE INDEX ix_versions_rules_revision ON skill_versions(rules_revision)")),
            new Migration(14, "telemetry: a plugin skill's plugin and marketplace, and the skill's kind, as the agent"
                    + " reported them (two plugins' same-named skills told apart)", List.of(
                    "ALTER TABLE skill_activations ADD COLUMN plugin_name TEXT",
                    "ALTER TABLE skill_activations ADD COLUMN marketplace_name TEXT",
                    "ALTER TABLE skill_activations ADD COLUMN skill_kind TEXT")));

    /**
     * {@code sources}: where skills are imported from, with what its last fetch found; {@code skill_origins}: per
     * skill, the source, the path in it, the commit (or package hash) and the hash of the files as imported, the
     * library version that import made (the base of a three-way merge), and a pin.
     */
    private static List<String> sources() {
        String now = "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)";
        String ins = "INSERT INTO library_changes (kind, skill_id, at) VALUES (";
        return List.of(
                """
                CREATE TABLE sources (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  short_name TEXT NOT NULL UNIQUE,
                  kind TEXT NOT NULL,
                  location TEXT NOT NULL,
                  ref TEXT,
                  subpath TEXT,
                  namespace TEXT,
                  added_by TEXT NOT NULL,
                  added_at INTEGER NOT NULL,
                  fetched_at INTEGER,
                  fetch_error TEXT,
                  head TEXT
                )""",
                "CREATE UNIQUE INDEX ux_sources_where ON sources(location, coalesce(ref, ''), coalesce(subpath, ''))",
                """
                CREATE TABLE skill_origins (
                  skill_id INTEGER PRIMARY KEY REFERENCES skills(id) ON DELETE CASCADE,
                  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
                  path TEXT NOT NULL,
                  base_commit TEXT,
                  base_hash TEXT NOT NULL,
                  base_version INTEGER NOT NULL,
                  pin TEXT,
                  pin_commit TEXT,
                  updated_at INTEGER NOT NULL
                )""",
                "CREATE INDEX ix_origins_source ON skill_origins(source_id)",
                "CREATE TRIGGER tr_changes_origin_insert AFTER INSERT ON skill_origins BEGIN " + ins + "'origin', NEW.skill_id, "
                        + now + "); END",
                "CREATE TRIGGER tr_changes_origin_update AFTER UPDATE ON skill_origins BEGIN " + ins + "'origin', NEW.skill_id, "
                        + now + "); END",
                "CREATE TRIGGER tr_changes_origin_delete AFTER DELETE ON skill_origins BEGIN " + ins + "'origin', OLD.skill_id, "
                        + now + "); END",
                "CREATE TRIGGER tr_changes_source_update AFTER UPDATE ON sources BEGIN " + ins + "'source', NULL, " + now
                        + "); END");
    }

    /**
     * {@code library_changes} and the triggers that fill it. A trigger writes in the statement's own
     * transaction, so a change is in the feed exactly when it is committed, whichever process or code path
     * wrote it; {@code seq} (AUTOINCREMENT: never reused, even after pruning) is what consumers follow, and
     * {@code at} (SQLite's clock) only decides what is old enough to prune.
     */
    private static List<String> changeFeed() {
        String now = "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)";
        java.util.List<String> sql = new java.util.ArrayList<>(List.of(
                """
                CREATE TABLE library_changes (
                  seq INTEGER PRIMARY KEY AUTOINCREMENT,
                  kind TEXT NOT NULL,
                  skill_id INTEGER,
                  at INTEGER NOT NULL)""",
                "CREATE INDEX ix_changes_at ON library_changes(at)",
                // seed the sequence so that a library migrated with data has a first position
                "INSERT INTO library_changes (kind, skill_id, at) VALUES ('created', NULL, " + now + ")"));
        String ins = "INSERT INTO library_changes (kind, skill_id, at) VALUES (";
        sql.add("CREATE TRIGGER tr_changes_skill_insert AFTER INSERT ON skills BEGIN " + ins + "'skill', NEW.id, " + now
                + "); END");
        sql.add("CREATE TRIGGER tr_changes_skill_update AFTER UPDATE ON skills BEGIN " + ins
                + "CASE WHEN NEW.is_deleted != OLD.is_deleted THEN CASE WHEN NEW.is_deleted THEN 'delete' ELSE 'restore' END"
                + " WHEN NEW.access_level != OLD.access_level THEN 'access' ELSE 'skill' END, NEW.id, " + now + "); END");
        sql.add("CREATE TRIGGER tr_changes_skill_delete AFTER DELETE ON skills BEGIN " + ins + "'purge', OLD.id, " + now
                + "); END");
        sql.add("CREATE TRIGGER tr_changes_version AFTER INSERT ON skill_versions BEGIN " + ins + "'version', NEW.skill_id, "
                + now + "); END");
        for (String[] t : new String[][] {{"skill_shares", "share"}, {"skill_installs", "install"},
                {"skill_triggers", "trigger"}, {"skill_activations", "activation"}}) {
            // new activations add one row per batch, from the store's two insert paths (ChangeFeed.noteActivations):
            // a row per activation halved the activation writer's throughput
            if (!t[1].equals("activation")) {
                sql.add("CREATE TRIGGER tr_changes_" + t[1] + "_insert AFTER INSERT ON " + t[0] + " BEGIN " + ins + "'"
                        + t[1] + "', NEW.skill_id, " + now + "); END");
            }
            sql.add("CREATE TRIGGER tr_changes_" + t[1] + "_update AFTER UPDATE ON " + t[0] + " BEGIN " + ins + "'"
                    + t[1] + "', NEW.skill_id, " + now + "); END");
            sql.add("CREATE TRIGGER tr_changes_" + t[1] + "_delete AFTER DELETE ON " + t[0] + " BEGIN " + ins + "'"
                    + t[1] + "', OLD.skill_id, " + now + "); END");
        }
        for (String op : List.of("INSERT", "UPDATE", "DELETE")) {
            sql.add("CREATE TRIGGER tr_changes_setting_" + op.toLowerCase(java.util.Locale.ROOT) + " AFTER " + op
                    + " ON library_settings BEGIN " + ins + "'setting', NULL, " + now + "); END");
        }
        return List.copyOf(sql);
    }

    static int latest() {
        return ALL.get(ALL.size() - 1).version();
    }
}
