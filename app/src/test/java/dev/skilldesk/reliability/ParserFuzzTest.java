package dev.skilldesk.reliability;

import dev.skilldesk.library.PackageRefusedException;
import dev.skilldesk.library.SkillFolderReader;
import dev.skilldesk.parse.SkillMdParser;
import dev.skilldesk.parse.SkillValidator;
import dev.skilldesk.parse.TokenCounter;
import dev.skilldesk.parse.ValidationProfile;
import dev.skilldesk.skill.ValidationResult;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The SKILL.md parser and validator on hostile input: random text, mutated real files from the
 * corpus, YAML bombs, deep nesting, huge lines, invalid UTF-8, NULs, a BOM, CRLF, 10 MB files. They
 * never throw anything but a validation result, never hang, and memory stays bounded.
 */
class ParserFuzzTest {
    static final SkillValidator VALIDATOR = new SkillValidator(new TokenCounter());
    static final SkillMdParser PARSER = new SkillMdParser();
    static List<String> corpus = List.of();

    @BeforeContainer
    static void loadCorpus() throws IOException {
        Path root = Path.of("../shared/corpus");
        if (!Files.isDirectory(root)) {
            root = Path.of("/work/shared/corpus");
        }
        if (!Files.isDirectory(root)) {
            corpus = List.of("---\nname: fallback\ndescription: d\n---\nbody\n");
            return;
        }
        List<String> texts = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(f -> f.getFileName().toString().equals("SKILL.md")).limit(60).toList()) {
                texts.add(Files.readString(p));
            }
        }
        corpus = texts;
    }

    /** Validates within a deadline; only a result may come back. */
    static ValidationResult check(String content) {
        return assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            ValidationResult r = VALIDATOR.validate(content, "folder", ValidationProfile.STRICT);
            VALIDATOR.validate(content, null, ValidationProfile.LENIENT);
            PARSER.parse(content);
            return r;
        });
    }

    @Property(tries = 300)
    void randomTextIsOnlyEverAValidationResult(@ForAll("anyText") String text) {
        assertThat(check(text)).isNotNull();
        assertThat(check("---\n" + text + "\n---\n" + text)).isNotNull();
    }

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(400),
                Arbitraries.strings().withChars("-:#&*!|>'\"%@`{}[],?\n\r\t \uFEFF\0abcxyz").ofMaxLength(600));
    }

    @Property(tries = 200)
    void mutatedRealSkillsAreOnlyEverAValidationResult(@ForAll("mutated") String text) {
        assertThat(check(text)).isNotNull();
    }

    @Provide
    Arbitrary<String> mutated() {
        return Arbitraries.longs().map(seed -> {
            Random r = new Random(seed);
            StringBuilder s = new StringBuilder(corpus.get(r.nextInt(corpus.size())));
            int edits = 1 + r.nextInt(12);
            String[] junk = {"---", "\n", "\r\n", ":", "&a", "*a", "!!python/object", "{", "[", "\0", "\uFEFF", "\"", "'",
                    "  - ", "name: ", "<script>", "\uD800"};
            for (int i = 0; i < edits && s.length() > 0; i++) {
                int at = r.nextInt(s.length());
                switch (r.nextInt(4)) {
                    case 0 -> s.insert(at, junk[r.nextInt(junk.length)]);
                    case 1 -> s.delete(at, Math.min(s.length(), at + r.nextInt(40)));
                    case 2 -> s.setCharAt(at, (char) r.nextInt(0x3000));
                    default -> s.setLength(at);
                }
            }
            return s.toString();
        });
    }

    @Example
    void yamlBombsDeepNestingAndHugeLinesFinishQuickly() {
        StringBuilder bomb = new StringBuilder("name: b\ndescription: d\na: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
        for (char c = 'b'; c <= 'z'; c++) {
            bomb.append(c).append(": &").append(c).append(" [").append(("*" + (char) (c - 1) + ",").repeat(8))
                    .append('*').append((char) (c - 1)).append("]\n");
        }
        assertThat(check("---\n" + bomb + "---\nbody").hasErrors()).isTrue();
        assertThat(check("---\nname: n\ndescription: d\nx: " + "{a: ".repeat(20_000) + "}".repeat(20_000) + "\n---\n").hasErrors())
                .isTrue();
        assertThat(check("---\nname: n\ndescription: d\n---\n" + "x".repeat(2_000_000))).isNotNull();
        assertThat(check("---\nname: n\ndescription: " + "y".repeat(500_000) + "\n---\nb")).isNotNull();
    }

    @Example
    void tenMegabyteFilesAreRefusedBySizeWithoutBeingParsed() {
        String ten = "---\nname: n\ndescription: d\n---\n" + "word ".repeat(2_000_000);
        long before = usedHeap();
        ValidationResult r = check(ten);
        assertThat(r.hasErrors()).isTrue();
        assertThat(usedHeap() - before).isLessThan(512L * 1024 * 1024);
    }

    @Example
    void bomCrlfAndNulsAreHandled() {
        assertThat(check("\uFEFF---\r\nname: folder\r\ndescription: d\r\n---\r\nbody\r\n").hasErrors()).isFalse();
        assertThat(check("---\nname: n\ndescription: d\n---\nbo\0dy").hasErrors()).isTrue();
    }

    @Property(tries = 100)
    void invalidUtf8IsRefusedWithItsRuleNeverDecodedWrongly(@ForAll("bytes") byte[] bytes) throws IOException {
        Path dir = Files.createTempDirectory("fuzz-skill");
        try {
            Path skill = Files.createDirectories(dir.resolve("s"));
            Files.write(skill.resolve("SKILL.md"), bytes);
            try {
                String text = SkillFolderReader.read(skill).content();
                assertThat(text.getBytes(StandardCharsets.UTF_8)).isEqualTo(bytes); // decoded exactly, or refused
                check(text);
            } catch (PackageRefusedException e) {
                assertThat(e.getMessage()).contains("encoding.utf8").contains("SKILL.md");
            }
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

}
