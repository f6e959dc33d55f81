package io.github.mwoauth.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Java and Kotlin code blocks of the Markdown files compile: each is a copy of a snippet that the build
 * compiles ({@link ReadmeSnippets} for Java, the kotlin module's {@code readme/ReadmeSnippets.kt} for Kotlin), and
 * this test keeps the two identical, line for line, ignoring the common indentation and trailing whitespace. A
 * block's leading {@code import} lines are looked for among the snippet file's lines instead. Blocks in other
 * languages ({@link #TEXT_LANGUAGES}) are commands, configuration or output, not code.
 */
class ReadmeSnippetsTests {

    /** Fenced blocks in these languages are text, not code to compile ("" is a block without a language). */
    private static final Set<String> TEXT_LANGUAGES = Set.of("", "sh", "properties", "xml", "nginx");

    private static final Path ROOT = repositoryRoot();

    /** Where the blocks of each compiled language are copied, relative to the repository root. */
    private static final Map<String, String> SNIPPET_FILES = Map.of(
            "java", "samples/demo/src/test/java/io/github/mwoauth/demo/ReadmeSnippets.java",
            "kotlin", "kotlin/src/test/kotlin/io/github/mwoauth/kotlin/readme/ReadmeSnippets.kt");

    /** An opening fence: its language is the first word of the info string. */
    private static final Pattern FENCE_OPEN = Pattern.compile("^\\s*```\\s*([^\\s`]*).*$");
    private static final Pattern FENCE_CLOSE = Pattern.compile("^\\s*```\\s*$");
    private static final Pattern BEGIN = Pattern.compile("^\\s*// README: begin (\\S+)\\s*$");
    private static final Pattern END = Pattern.compile("^\\s*// README: end\\s*$");

    @Test
    void markdownFilesWithCodeWhenScannedThenFound() {
        assertThat(markdownFiles()).contains("README.md", "webflux/README.md", "docs/OAUTH2.md",
                "kotlin/README.md", "testkit/README.md");
        assertThat(blocks()).filteredOn(block -> SNIPPET_FILES.containsKey(block.language()))
                .extracting(Block::file)
                .contains("README.md", "webflux/README.md", "docs/OAUTH2.md", "kotlin/README.md", "testkit/README.md");
    }

    @Test
    void codeBlockWhenInMarkdownThenCompiledVerbatim() {
        List<String> missing = new ArrayList<>();
        for (Block block : blocks()) {
            String snippetFile = SNIPPET_FILES.get(block.language());
            if (snippetFile == null) {
                continue;
            }
            List<String> sourceLines = read(snippetFile);
            for (String importLine : block.imports()) {
                if (sourceLines.stream().noneMatch(line -> line.strip().equals(importLine))) {
                    missing.add(block.where() + ": its `" + importLine + "` is not among the imports of "
                            + snippetFile);
                }
            }
            List<Snippet> candidates = snippets(snippetFile).stream()
                    .filter(snippet -> snippet.markdownFile().equals(block.file()))
                    .toList();
            if (candidates.stream().noneMatch(snippet -> snippet.lines().equals(block.code()))) {
                missing.add(block.where() + ": this ```" + block.language() + " block has no copy in " + snippetFile
                        + " between `// README: begin " + block.file() + "` and `// README: end`"
                        + nearest(block, candidates)
                        + "; put the block there, verbatim, where it compiles");
            }
        }
        assertThat(missing).as("code blocks of the Markdown files that the build does not compile").isEmpty();
    }

    @Test
    void snippetWhenCompiledThenStillABlockOfItsMarkdownFile() {
        List<Block> blocks = blocks();
        List<String> stale = new ArrayList<>();
        SNIPPET_FILES.forEach((language, snippetFile) -> {
            for (Snippet snippet : snippets(snippetFile)) {
                boolean copied = blocks.stream().anyMatch(block -> block.language().equals(language)
                        && block.file().equals(snippet.markdownFile()) && block.code().equals(snippet.lines()));
                if (!copied) {
                    stale.add(snippetFile + ":" + snippet.line() + ": the snippet beginning `" + first(snippet.lines())
                            + "` is no ```" + language + " block of " + snippet.markdownFile()
                            + "; copy the block as it is now, or remove the snippet");
                }
            }
        });
        assertThat(stale).as("snippets that are no longer blocks of their Markdown file").isEmpty();
    }

    @Test
    void blockWhenNeitherJavaNorKotlinThenText() {
        assertThat(blocks()).filteredOn(block -> !SNIPPET_FILES.containsKey(block.language()))
                .allSatisfy(block -> assertThat(TEXT_LANGUAGES)
                        .as("%s: a ```%s block: copy it into a snippet file where it compiles, or, when it is not"
                                + " code, add its language to TEXT_LANGUAGES", block.where(), block.language())
                        .contains(block.language()));
    }

    /** A fenced block: its Markdown file (relative, with {@code /}), the line of its fence, its language. */
    record Block(String file, int line, String language, List<String> imports, List<String> code) {

        String where() {
            return file + ":" + line + " (`" + first(imports.isEmpty() ? code : imports) + "`)";
        }
    }

    /** A copy of a block in a source file: the Markdown file it names and the line of its first code line. */
    record Snippet(String markdownFile, int line, List<String> lines) {
    }

    static List<Block> blocks() {
        return markdownFiles().stream().flatMap(file -> blocks(file).stream()).toList();
    }

    static List<Block> blocks(String file) {
        List<String> lines = read(file);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE_OPEN.matcher(lines.get(i));
            if (!open.matches()) {
                continue;
            }
            int start = i;
            int end = start + 1;
            while (end < lines.size() && !FENCE_CLOSE.matcher(lines.get(end)).matches()) {
                end++;
            }
            assertThat(end).as("%s:%d: a ``` block that is never closed", file, start + 1).isLessThan(lines.size());
            List<String> body = normalize(lines.subList(start + 1, end));
            int imports = 0;
            while (imports < body.size() && body.get(imports).startsWith("import ")) {
                imports++;
            }
            blocks.add(new Block(file, start + 1, open.group(1), body.subList(0, imports),
                    normalize(body.subList(imports, body.size()))));
            i = end;
        }
        return blocks;
    }

    static List<Snippet> snippets(String sourceFile) {
        List<String> lines = read(sourceFile);
        List<Snippet> snippets = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher begin = BEGIN.matcher(lines.get(i));
            if (!begin.matches()) {
                assertThat(END.matcher(lines.get(i)).matches())
                        .as("%s:%d: `// README: end` without a `// README: begin`", sourceFile, i + 1).isFalse();
                continue;
            }
            int start = i;
            int end = start + 1;
            while (end < lines.size() && !END.matcher(lines.get(end)).matches()) {
                assertThat(BEGIN.matcher(lines.get(end)).matches())
                        .as("%s:%d: `// README: begin` before the `// README: end` of line %d's", sourceFile, end + 1,
                                start + 1)
                        .isFalse();
                end++;
            }
            assertThat(end).as("%s:%d: `// README: begin` without a `// README: end`", sourceFile, start + 1)
                    .isLessThan(lines.size());
            snippets.add(new Snippet(begin.group(1), start + 2, normalize(lines.subList(start + 1, end))));
            i = end;
        }
        return snippets;
    }

    /** Trailing whitespace, leading and trailing blank lines and the indentation common to all lines removed. */
    static List<String> normalize(List<String> lines) {
        List<String> stripped = lines.stream().map(String::stripTrailing).toList();
        int from = 0;
        int to = stripped.size();
        while (from < to && stripped.get(from).isEmpty()) {
            from++;
        }
        while (to > from && stripped.get(to - 1).isEmpty()) {
            to--;
        }
        List<String> kept = stripped.subList(from, to);
        int indent = kept.stream().filter(line -> !line.isEmpty())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        return kept.stream().map(line -> line.isEmpty() ? line : line.substring(indent)).toList();
    }

    /** Where the copy closest to the block (the longest common beginning) first differs from it, if any. */
    private static String nearest(Block block, List<Snippet> candidates) {
        return candidates.stream()
                .max(Comparator.comparingInt(snippet -> commonPrefix(block.code(), snippet.lines())))
                .map(snippet -> {
                    int same = commonPrefix(block.code(), snippet.lines());
                    return " (the nearest copy, at line " + snippet.line() + ", differs at the block's line "
                            + (same + 1) + ": Markdown `" + lineOrEnd(block.code(), same) + "`, source `"
                            + lineOrEnd(snippet.lines(), same) + "`)";
                })
                .orElse(" (there is none for " + block.file() + ")");
    }

    private static int commonPrefix(List<String> a, List<String> b) {
        int same = 0;
        while (same < a.size() && same < b.size() && a.get(same).equals(b.get(same))) {
            same++;
        }
        return same;
    }

    private static String lineOrEnd(List<String> lines, int index) {
        return index < lines.size() ? lines.get(index).strip() : "(end)";
    }

    private static String first(List<String> lines) {
        return lines.isEmpty() ? "" : lines.get(0).strip();
    }

    /** Every Markdown file of the repository, relative to its root, outside build output and hidden directories. */
    static List<String> markdownFiles() {
        List<String> files = new ArrayList<>();
        try {
            Files.walkFileTree(ROOT, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    String name = dir.equals(ROOT) ? "" : dir.getFileName().toString();
                    return name.startsWith(".") || name.equals("target") || name.equals("node_modules")
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (file.getFileName().toString().endsWith(".md")) {
                        files.add(ROOT.relativize(file).toString().replace('\\', '/'));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files.stream().sorted().toList();
    }

    private static List<String> read(String relativePath) {
        try (Stream<String> lines = Files.lines(ROOT.resolve(relativePath))) {
            return lines.collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The directory above this module holding the top-level README.md and docs/ARCHITECTURE.md. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isRegularFile(dir.resolve("docs/ARCHITECTURE.md"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (README.md and docs/ARCHITECTURE.md) above "
                + Path.of("").toAbsolutePath());
    }
}
