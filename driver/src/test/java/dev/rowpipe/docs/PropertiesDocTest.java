package dev.rowpipe.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rowpipe.internal.firebolt.FireboltProperties;
import dev.rowpipe.internal.settings.ConnectionProperty;
import dev.rowpipe.internal.td.TdProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/properties.md} true: the property tables are rendered from the property definitions and must
 * match the file. Run with {@code -Drowpipe.regenerateDocs=true} to rewrite the file after changing a property.
 */
class PropertiesDocTest {
    private static final Path DOC = Path.of("..", "docs", "properties.md");

    static String render() {
        StringBuilder out = new StringBuilder();
        out.append("# Connection properties\n\n");
        out.append("Generated from the property definitions by `PropertiesDocTest`; do not edit by hand (run the\n");
        out.append("driver tests with `-Drowpipe.regenerateDocs=true` to rewrite it).\n\n");
        out.append("Names are case-insensitive. A property may be set in the URL (`?k=v&k=v` or `;k=v;k=v`, for\n");
        out.append("either service; the grammar is in the README) or in `java.util.Properties`; when both set it, the\n");
        out.append("URL wins. Unknown names and invalid values fail the connection with a message naming each of them.\n");
        out.append("Secret values are never shown in messages, logs, `toString()` or `getURL()`.\n\n");
        section(out, "Firebolt (`jdbc:firebolt:`)", FireboltProperties.ALL);
        section(out, "Treasure Data (`jdbc:td:`)", TdProperties.ALL);
        return out.toString();
    }

    private static void section(StringBuilder out, String title, List<ConnectionProperty<?>> properties) {
        out.append("## ").append(title).append("\n\n");
        out.append("| property | default | choices | description |\n|---|---|---|---|\n");
        for (ConnectionProperty<?> p : properties) {
            String name = "`" + p.name() + "`" + (p.aliases().isEmpty() ? ""
                    : " (also " + String.join(", ", p.aliases().stream().map(a -> "`" + a + "`").toList()) + ")");
            String def = p.defaultValue() == null ? "" : "`" + p.defaultValue() + "`";
            String choices = p.choices().isEmpty() ? "" : String.join(", ", p.choices());
            String description = p.description() + (p.secret() ? " (secret)" : "");
            out.append("| ").append(name).append(" | ").append(def).append(" | ").append(choices).append(" | ")
                    .append(description.replace("|", "\\|")).append(" |\n");
        }
        out.append('\n');
    }

    @Test
    void docsListEveryPropertyAsDefined() throws IOException {
        String expected = render();
        if (Boolean.getBoolean("rowpipe.regenerateDocs")) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
        }
        String actual = Files.exists(DOC) ? Files.readString(DOC, StandardCharsets.UTF_8) : "";
        assertEquals(expected, actual, "docs/properties.md is out of date: run the driver tests with "
                + "-Drowpipe.regenerateDocs=true");
    }
}
