package dev.skilldesk.skill;

import java.time.Instant;

/** A stored activation with its row id and when its outcome was reported (null: never). */
public record StoredActivation(long id, Activation activation, Instant outcomeAt) {
}
