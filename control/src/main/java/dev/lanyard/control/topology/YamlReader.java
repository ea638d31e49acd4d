package dev.lanyard.control.topology;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML text into a {@link YamlNode} tree with file positions. Duplicate keys are caught here rather than by
 * Jackson's STRICT_DUPLICATE_DETECTION, which stops at the first one: this way every duplicate is reported, each
 * with the place of the first definition.
 */
final class YamlReader {
    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .build();

    private final String file;
    private final List<Problem> problems;
    private JsonParser parser;

    private YamlReader(String file, List<Problem> problems) {
        this.file = file;
        this.problems = problems;
    }

    /**
     * Reads the single document of {@code text}. Problems go to {@code problems}; on a syntax error the result is
     * null, as the text after it cannot be trusted.
     */
    static YamlNode read(String file, String text, List<Problem> problems) {
        return new YamlReader(file, problems).readDocument(text);
    }

    private YamlNode readDocument(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            parser = p;
            JsonToken first = p.nextToken();
            if (first == null) {
                problems.add(Location.startOf(file).problem("the file is empty; a topology needs at least \"lab:\""));
                return null;
            }
            YamlNode root = readValue(first);
            JsonToken next = p.nextToken();
            if (next != null) {
                problems.add(here().problem("a topology file holds one YAML document; remove the second one"));
            }
            return root;
        } catch (JsonProcessingException e) {
            problems.add(syntaxProblem(e));
            return null;
        } catch (IOException e) {
            throw new IllegalStateException("reading from a string failed", e);
        }
    }

    private YamlNode readValue(JsonToken token) throws IOException {
        Location at = here();
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            problems.add(at.problem("YAML aliases (*" + parser.getText() + ") are not supported; write the value out"));
            return new YamlNode.Scalar(YamlNode.Kind.NULL, "", at);
        }
        switch (token) {
            case START_OBJECT:
                return readMap(at);
            case START_ARRAY:
                return readList(at);
            case VALUE_STRING:
                return new YamlNode.Scalar(YamlNode.Kind.STRING, parser.getText(), at);
            case VALUE_NUMBER_INT:
                return new YamlNode.Scalar(YamlNode.Kind.INTEGER, parser.getText(), at);
            case VALUE_NUMBER_FLOAT:
                return new YamlNode.Scalar(YamlNode.Kind.FLOAT, parser.getText(), at);
            case VALUE_TRUE:
                return new YamlNode.Scalar(YamlNode.Kind.TRUE, parser.getText(), at);
            case VALUE_FALSE:
                return new YamlNode.Scalar(YamlNode.Kind.FALSE, parser.getText(), at);
            case VALUE_NULL:
                return new YamlNode.Scalar(YamlNode.Kind.NULL, "", at);
            default:
                problems.add(at.problem("unexpected YAML content " + token));
                return new YamlNode.Scalar(YamlNode.Kind.NULL, "", at);
        }
    }

    private YamlNode.MapNode readMap(Location at) throws IOException {
        Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            Location keyAt = here();
            YamlNode value = readValue(parser.nextToken());
            YamlNode.Entry first = entries.get(key);
            if (first != null) {
                problems.add(keyAt.problem("duplicate key \"" + key + "\"; it is first defined at "
                        + first.keyAt().lineColumn()));
            } else {
                entries.put(key, new YamlNode.Entry(key, keyAt, value));
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw new IllegalStateException("YAML parser gave " + token + " inside a map");
        }
        return new YamlNode.MapNode(entries, at);
    }

    private YamlNode.ListNode readList(Location at) throws IOException {
        List<YamlNode> items = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw new IllegalStateException("YAML parser ended inside a list");
            }
            items.add(readValue(token));
        }
        return new YamlNode.ListNode(items, at);
    }

    private Location here() {
        JsonLocation l = parser.currentTokenLocation();
        return new Location(file, l.getLineNr(), l.getColumnNr());
    }

    private Problem syntaxProblem(JsonProcessingException e) {
        // SnakeYAML knows where the problem is; Jackson's location is where the current token began.
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            Mark mark = marked.getProblemMark();
            String message = "YAML syntax: " + marked.getProblem();
            Mark context = marked.getContextMark();
            if (marked.getContext() != null && context != null) {
                message += " (" + marked.getContext() + " at " + (context.getLine() + 1) + ":"
                        + (context.getColumn() + 1) + ")";
            }
            return new Problem(file, mark.getLine() + 1, mark.getColumn() + 1, message);
        }
        JsonLocation l = e.getLocation();
        int line = l == null ? 1 : Math.max(1, l.getLineNr());
        int column = l == null ? 1 : Math.max(1, l.getColumnNr());
        return new Problem(file, line, column, "YAML syntax: " + e.getOriginalMessage());
    }
}
