package dev.rowpipe.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rowpipe.internal.firebolt.FireboltProperties;
import dev.rowpipe.internal.settings.CommonProperties;
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
        out.append("URL wins. Unknown names and invalid values fail the connection with a message naming each of them;\n");
        out.append("a name one edit away from a property's (two for names longer than 7 characters; case, `_` and `-`\n");
        out.append("aside) says which one was probably meant (`Unknown connection property 'enigne'; did you mean\n");
        out.append("'engine'?`). The keys tools put into the properties they pass are accepted: see the last table.\n");
        out.append("Secret values are never shown in messages, logs, `toString()` or `getURL()`.\n\n");
        section(out, "Firebolt (`jdbc:firebolt:`)", FireboltProperties.ALL);
        section(out, "Treasure Data (`jdbc:td:`)", TdProperties.ALL);
        out.append("## Keys tools set (both services)\n\n");
        out.append("Accepted beside the properties above, unless a service defines the same name itself;\n");
        out.append("`getPropertyInfo` lists them too, their descriptions starting with \"Accepted for tools\".\n");
        out.append("*honoured* keys are read like the driver's own; *ignored* ones add a warning to the connection\n");
        out.append("(`getWarnings()`) that names the key, never its value.\n\n");
        out.append("| key | default | choices | handling | description |\n|---|---|---|---|---|\n");
        for (ConnectionProperty<?> p : CommonProperties.TOLERATED) {
            String def = p.defaultValue() == null ? "" : "`" + p.defaultValue() + "`";
            String choices = p.choices().isEmpty() ? "" : String.join(", ", p.choices());
            String handling = p.origin() == ConnectionProperty.Origin.IGNORED ? "ignored" : "honoured";
            out.append("| `").append(p.name()).append("` | ").append(def).append(" | ").append(choices)
                    .append(" | ").append(handling).append(" | ").append(p.description().replace("|", "\\|"))
                    .append(" |\n");
        }
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
