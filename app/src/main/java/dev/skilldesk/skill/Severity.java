package dev.skilldesk.skill;

/** How bad a validation finding is; only errors stop a save or an import. */
public enum Severity {
    ERROR, WARNING, INFO
}
