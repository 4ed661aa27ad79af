package dev.skilldesk.parse;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A YAML loader that builds only plain maps, lists and scalars and refuses the classic attacks:
 * alias bombs ("billion laughs"), deep nesting, recursive keys and oversized documents.
 */
public final class SafeYaml {
    /** Far above any real frontmatter; the validator's own 10,000-char rule reports sooner. */
    public static final int CODE_POINT_LIMIT = 200_000;
    public static final int MAX_ALIASES = 20;
    public static final int MAX_NESTING = 32;

    private SafeYaml() {
    }

    /** A fresh loader (SnakeYAML's Yaml is not thread-safe). */
    public static Yaml loader() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setCodePointLimit(CODE_POINT_LIMIT);
        options.setAllowDuplicateKeys(false);
        return new Yaml(new SafeConstructor(options), new org.yaml.snakeyaml.representer.Representer(
                new org.yaml.snakeyaml.DumperOptions()), new org.yaml.snakeyaml.DumperOptions(), options);
    }
}
