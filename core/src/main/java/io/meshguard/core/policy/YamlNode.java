package io.meshguard.core.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A YAML node that remembers its line, read in one streaming pass so errors can name where they
 * are. Duplicate keys are refused.
 */
final class YamlNode {

  enum Kind {
    MAP,
    LIST,
    SCALAR,
    NULL
  }

  final Kind kind;
  final int line;
  final @Nullable String scalar;
  final Map<String, YamlNode> map;
  final List<YamlNode> list;

  private YamlNode(
      Kind kind,
      int line,
      @Nullable String scalar,
      Map<String, YamlNode> map,
      List<YamlNode> list) {
    this.kind = kind;
    this.line = line;
    this.scalar = scalar;
    this.map = map;
    this.list = list;
  }

  /** A problem at a line, before the document is known. */
  static final class SyntaxException extends Exception {
    private static final long serialVersionUID = 1L;
    final int line;

    SyntaxException(int line, String message) {
      super(message, null, false, false);
      this.line = line;
    }
  }

  /** Every document of a YAML stream; empty documents are skipped. */
  static List<YamlNode> readAll(String yaml) throws SyntaxException {
    List<YamlNode> documents = new ArrayList<>();
    try (JsonParser parser = new YAMLFactory().createParser(yaml)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        YamlNode node = read(parser, token);
        if (node.kind != Kind.NULL) {
          documents.add(node);
        }
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      com.fasterxml.jackson.core.JsonLocation location = e.getLocation();
      throw new SyntaxException(
          location == null ? 0 : location.getLineNr(), "not valid YAML: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new SyntaxException(0, "not valid YAML");
    }
    return documents;
  }

  private static YamlNode read(JsonParser parser, JsonToken token)
      throws IOException, SyntaxException {
    int line = parser.currentTokenLocation().getLineNr();
    switch (token) {
      case START_OBJECT:
        Map<String, YamlNode> map = new LinkedHashMap<>();
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          int keyLine = parser.currentTokenLocation().getLineNr();
          YamlNode value = read(parser, parser.nextToken());
          if (map.put(name, value) != null) {
            throw new SyntaxException(keyLine, "duplicate key '" + name + "'");
          }
        }
        return new YamlNode(Kind.MAP, line, null, map, List.of());
      case START_ARRAY:
        List<YamlNode> list = new ArrayList<>();
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
          list.add(read(parser, token));
        }
        return new YamlNode(Kind.LIST, line, null, Map.of(), list);
      case VALUE_NULL:
        return new YamlNode(Kind.NULL, line, null, Map.of(), List.of());
      default:
        return new YamlNode(Kind.SCALAR, line, parser.getText(), Map.of(), List.of());
    }
  }

  @Nullable YamlNode get(String key) {
    return map.get(key);
  }
}
