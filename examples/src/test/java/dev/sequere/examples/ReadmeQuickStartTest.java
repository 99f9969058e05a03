package dev.sequere.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Compiles the front README's quick start as it is written, so that the snippet a new user copies
 * never drifts from the API: its imports, its fields and its statements go into a class whose
 * other members are the README's stated context ({@code User}, {@code Project} and repositories
 * with {@code findAllById}: the examples' own model classes).
 */
class ReadmeQuickStartTest {

    @Test
    void theQuickStartCompilesAsWritten() throws IOException {
        String readme = Files.readString(readme(), StandardCharsets.UTF_8);
        int section = readme.indexOf("## Quick start");
        assertThat(section).as("the README has a quick start").isPositive();
        int start = readme.indexOf("```java\n", section) + "```java\n".length();
        int end = readme.indexOf("```", start);
        List<String> imports = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        List<String> statements = new ArrayList<>();
        for (String line : readme.substring(start, end).split("\n")) {
            if (line.startsWith("import ")) {
                imports.add(line);
            } else if (line.startsWith("static final ")) {
                fields.add(line);
            } else {
                statements.add(line);
            }
        }
        assertThat(statements).as("the snippet's statements").isNotEmpty();
        String source = String.join("\n", imports) + "\n"
                + "import dev.sequere.examples.model.Project;\n"
                + "import dev.sequere.examples.model.Repository;\n"
                + "import dev.sequere.examples.model.User;\n"
                + "class QuickStart {\n"
                + "    Repository<User> users = new Repository<>(User::id);\n"
                + "    Repository<Project> projects = new Repository<>(Project::id);\n"
                + "    User thoas = new User(1, \"thoas\");\n"
                + "    User newbie = new User(2, \"newbie\");\n"
                + "    Project project = new Project(1, \"La classe americaine\");\n"
                + String.join("\n", fields) + "\n"
                + "    void run() {\n" + String.join("\n", statements) + "\n    }\n"
                + "}\n";
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Path out = Files.createTempDirectory("readme-quick-start");
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///QuickStart.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        boolean compiled = compiler.getTask(null, null, diagnostics,
                List.of("-classpath", System.getProperty("java.class.path"), "-d", out.toString(), "-proc:none"),
                null, List.of(file)).call();
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                errors.add("line " + d.getLineNumber() + ": " + d.getMessage(null));
            }
        }
        assertThat(errors).as("errors compiling the README's quick start:\n%s", source).isEmpty();
        assertThat(compiled).isTrue();
    }

    private static Path readme() {
        Path dir = Path.of("").toAbsolutePath();
        // The repository root: the directory with the front README and the BOM module.
        while (dir != null && !(Files.exists(dir.resolve("README.md")) && Files.exists(dir.resolve("bom/pom.xml")))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the repository root above %s", Path.of("").toAbsolutePath()).isNotNull();
        return dir.resolve("README.md");
    }
}
