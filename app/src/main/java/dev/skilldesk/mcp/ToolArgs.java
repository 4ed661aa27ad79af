package dev.skilldesk.mcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tool call's arguments, read with messages an agent can act on: each names the argument, what it must
 * be and what came. Unknown arguments are refused, so a misspelt one does not pass silently.
 */
final class ToolArgs {
    private final String tool;
    private final Map<String, Object> args;

    ToolArgs(String tool, Map<String, Object> args, Set<String> known) {
        this.tool = tool;
        this.args = args == null ? Map.of() : args;
        for (String k : this.args.keySet()) {
            if (!known.contains(k)) {
                throw new IllegalArgumentException(tool + ": unknown argument '" + k + "' (it takes "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    String requiredString(String name) {
        String s = string(name);
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(tool + ": '" + name + "' is required (a non-empty string)");
        }
        return s;
    }

    String string(String name) {
        Object v = args.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException(tool + ": '" + name + "' must be a string, not " + describe(v));
        }
        return s;
    }

    int integer(String name, int defaultValue, int min, int max) {
        Object v = args.get(name);
        if (v == null) {
            return defaultValue;
        }
        long n;
        if (v instanceof Number num && num.doubleValue() == Math.rint(num.doubleValue())) {
            n = num.longValue();
        } else if (v instanceof String s && s.strip().matches("-?\\d{1,10}")) {
            n = Long.parseLong(s.strip()); // some clients send every argument as a string
        } else {
            throw new IllegalArgumentException(tool + ": '" + name + "' must be an integer from " + min + " to " + max
                    + ", not " + describe(v));
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(tool + ": '" + name + "' must be from " + min + " to " + max
                    + ", not " + n);
        }
        return (int) n;
    }

    Boolean bool(String name) {
        Object v = args.get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw new IllegalArgumentException(tool + ": '" + name + "' must be true or false, not " + describe(v));
    }

    boolean requiredBool(String name) {
        Boolean b = bool(name);
        if (b == null) {
            throw new IllegalArgumentException(tool + ": '" + name + "' is required (true or false)");
        }
        return b;
    }

    List<String> strings(String name) {
        Object v = args.get(name);
        if (v == null) {
            return List.of();
        }
        if (v instanceof String s) {
            return s.isBlank() ? List.of() : List.of(s.strip());
        }
        if (!(v instanceof List<?> list)) {
            throw new IllegalArgumentException(tool + ": '" + name + "' must be an array of strings, not " + describe(v));
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String s)) {
                throw new IllegalArgumentException(tool + ": '" + name + "' must hold only strings, not " + describe(o));
            }
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    private static String describe(Object v) {
        String text = String.valueOf(v);
        if (text.length() > 40) {
            text = text.substring(0, 40) + "…";
        }
        String type = v instanceof String ? "string" : v instanceof Number ? "number" : v instanceof Boolean ? "boolean"
                : v instanceof List ? "array" : v instanceof Map ? "object" : v.getClass().getSimpleName();
        return type + " " + (v instanceof String ? "'" + text + "'" : text);
    }
}
