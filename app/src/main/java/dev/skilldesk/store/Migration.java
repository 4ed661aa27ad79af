package dev.skilldesk.store;

import java.util.List;

/** One step of the schema: applied once, in order, inside a transaction. */
record Migration(int version, String description, List<String> statements) {
}
