package dev.skilldesk.skill;

import java.util.List;

/** Everything the validator found in one SKILL.md. */
public record ValidationResult(List<ValidationIssue> issues) {
    public ValidationResult {
        issues = List.copyOf(issues);
    }

    public boolean hasErrors() {
        return issues.stream().anyMatch(i -> i.severity() == Severity.ERROR);
    }

    public List<ValidationIssue> errors() {
        return issues.stream().filter(i -> i.severity() == Severity.ERROR).toList();
    }

    public List<ValidationIssue> warnings() {
        return issues.stream().filter(i -> i.severity() == Severity.WARNING).toList();
    }

    public long count(String ruleId) {
        return issues.stream().filter(i -> i.ruleId().equals(ruleId)).count();
    }
}
