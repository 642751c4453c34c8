package io.meshguard.core.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * A YAML node that remembers its line, read in one streaming pass so errors can name where they
 * are. Duplicate keys are refused, and so are anchors, aliases, merge keys and explicit tags,
 * anywhere in the stream: Jackson would read an alias as its anchor's name, a {@code !!binary}
 * value as its base64 text and a merge key as a plain key, where Kubernetes resolves them before
 * Istio sees the policy.
 *
 * <p>Public only so that the mesh manifest reader ({@code io.meshguard.core.mesh}) and the policy
 * test tables of {@code meshguard-cli} read YAML the same strict way; it is a read-only tree, not a
 * general YAML API.
 *
 * @since 0.1.0
 */
public final class YamlNode {

  static final String ANCHOR =
      "a YAML anchor is refused (meshguard does not resolve aliases as Kubernetes does);"
          + " write the value out, and quote a value that starts with '&'";
  static final String ALIAS =
      "a YAML alias is refused (meshguard does not resolve aliases as Kubernetes does);"
          + " write the value out, and quote a value that starts with '*'";
  static final String MERGE =
      "a YAML merge key is refused (meshguard does not merge mappings as Kubernetes does);"
          + " write the keys out, or quote \"<<\" for a key of that name";
  static final String TAG =
      "an explicit YAML tag is refused (meshguard does not apply tags as Kubernetes does);"
          + " remove it, and quote a value that starts with '!'";

  private static final YAMLFactory FACTORY = new StrictFactory();

  /** What a node holds. */
  public enum Kind {
    /** A mapping. */
    MAP,
    /** A sequence. */
    LIST,
    /** A single value (text as written; numbers and booleans too). */
    SCALAR,
    /** An explicit or implied {@code null}. */
    NULL
  }

  final Kind kind;
  final int line;
  final @Nullable String scalar;
  final Map<String, YamlNode> map;
  final List<YamlNode> list;
  private final boolean string;

  private YamlNode(
      Kind kind,
      int line,
      @Nullable String scalar,
      Map<String, YamlNode> map,
      List<YamlNode> list) {
    this(kind, line, scalar, map, list, false);
  }

  private YamlNode(
      Kind kind,
      int line,
      @Nullable String scalar,
      Map<String, YamlNode> map,
      List<YamlNode> list,
      boolean string) {
    this.kind = kind;
    this.line = line;
    this.scalar = scalar;
    this.map = map;
    this.list = list;
    this.string = string;
  }

  /**
   * A problem at a line: in the stream ({@code document} 0) or, for a refused YAML construct, in a
   * document counted as the policy parser counts them (empty documents skipped), at a field.
   */
  public static final class SyntaxException extends Exception {
    private static final long serialVersionUID = 1L;
    final int document;
    final int line;
    final String field;

    SyntaxException(int line, String message) {
      this(0, line, "", message);
    }

    SyntaxException(int document, int line, String field, String message) {
      super(message, null, false, false);
      this.document = document;
      this.line = line;
      this.field = field;
    }

    /** The document (1-based, empty documents not counted), or 0 for the stream. */
    public int document() {
      return document;
    }

    /** The line (1-based), or 0 when unknown. */
    public int line() {
      return line;
    }
  }

  /**
   * Every document of a YAML stream; empty documents are skipped.
   *
   * @throws SyntaxException when the text is not YAML, or uses a refused construct
   */
  public static List<YamlNode> readAll(String yaml) throws SyntaxException {
    List<YamlNode> documents = new ArrayList<>();
    try (JsonParser parser = FACTORY.createParser(new StringReader(yaml))) {
      if (!(parser instanceof StrictParser)) {
        // a Jackson upgrade that bypasses the hook must not silently read anchors again
        throw new IllegalStateException(
            "the YAML parser does not refuse anchors, aliases and tags");
      }
      JsonToken token;
      while ((token = next(parser, documents.size() + 1, "")) != null) {
        YamlNode node = read(parser, token, documents.size() + 1, "");
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

  /** The next token; {@code field} is where it stands, or for a key the mapping that holds it. */
  private static @Nullable JsonToken next(JsonParser parser, int document, String field)
      throws IOException, SyntaxException {
    try {
      return parser.nextToken();
    } catch (Refused e) {
      String at = e.key == null ? field : field.isEmpty() ? e.key : field + "." + e.key;
      throw new SyntaxException(document, e.line, at, e.getMessage());
    }
  }

  private static YamlNode read(JsonParser parser, JsonToken token, int document, String field)
      throws IOException, SyntaxException {
    int line = parser.currentTokenLocation().getLineNr();
    switch (token) {
      case START_OBJECT:
        Map<String, YamlNode> map = new LinkedHashMap<>();
        while ((token = next(parser, document, field)) == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          int keyLine = parser.currentTokenLocation().getLineNr();
          String path = field.isEmpty() ? name : field + "." + name;
          YamlNode value = read(parser, next(parser, document, path), document, path);
          if (map.put(name, value) != null) {
            throw new SyntaxException(keyLine, "duplicate key '" + name + "'");
          }
        }
        return new YamlNode(Kind.MAP, line, null, map, List.of());
      case START_ARRAY:
        List<YamlNode> list = new ArrayList<>();
        while (true) {
          String item = field + "[" + list.size() + "]";
          token = next(parser, document, item);
          if (token == JsonToken.END_ARRAY) {
            break;
          }
          list.add(read(parser, token, document, item));
        }
        return new YamlNode(Kind.LIST, line, null, Map.of(), list);
      case VALUE_NULL:
        return new YamlNode(Kind.NULL, line, null, Map.of(), List.of());
      default:
        return new YamlNode(
            Kind.SCALAR,
            line,
            parser.getText(),
            Map.of(),
            List.of(),
            token == JsonToken.VALUE_STRING);
    }
  }

  /** The value under {@code key} of a mapping, or {@code null}. */
  public @Nullable YamlNode get(String key) {
    return map.get(key);
  }

  /** What this node holds. */
  public Kind kind() {
    return kind;
  }

  /** The line (1-based) where the node starts. */
  public int line() {
    return line;
  }

  /** A scalar's text; {@code null} for other kinds. */
  public @Nullable String scalar() {
    return scalar;
  }

  /**
   * Whether this is a scalar that YAML reads as a string: quoted, or plain text that is not a
   * number nor {@code true}/{@code false} (so {@code "1"} is a string and {@code 1} is not); {@code
   * false} for numbers, booleans and the other kinds. For readers that turn YAML into JSON values.
   *
   * @since 0.1.0
   */
  public boolean isString() {
    return string;
  }

  /** A mapping's entries in document order (unmodifiable); empty for other kinds. */
  public Map<String, YamlNode> entries() {
    return java.util.Collections.unmodifiableMap(map);
  }

  /** A sequence's items (unmodifiable); empty for other kinds. */
  public List<YamlNode> items() {
    return java.util.Collections.unmodifiableList(list);
  }

  /**
   * A value the policy readers refuse, at this node's line and {@code field}; {@link
   * PolicyDocuments} adds the document and throws it as a {@link PolicyLoadException}.
   */
  Refusal refuse(String field, String problem) {
    return new Refusal(line, field, problem);
  }

  /** A list's items; none for {@code null}. */
  List<YamlNode> list(String field) {
    if (kind == Kind.NULL) {
      return List.of();
    }
    if (kind != Kind.LIST) {
      throw refuse(field, "must be a list");
    }
    return list;
  }

  /** A list with at least one item. */
  List<YamlNode> nonEmptyList(String field) {
    if (list(field).isEmpty()) {
      throw refuse(field, "needs at least one value");
    }
    return list;
  }

  /** A single value. */
  String text(String field) {
    if (kind != Kind.SCALAR || scalar == null) {
      throw refuse(field, "must be a single value");
    }
    return scalar;
  }

  /** A value of a field or condition: Istio refuses an empty one ({@code CheckEmptyValues}). */
  String nonEmptyText(String field) {
    if (text(field).isEmpty()) {
      throw refuse(field, "an empty value is refused (Istio refuses it)");
    }
    return text(field);
  }

  /** The single value under {@code key}; empty when absent or {@code null}, unless required. */
  String text(String key, boolean required) {
    YamlNode node = get(key);
    if (node == null || node.kind == Kind.NULL) {
      if (required) {
        throw refuse(key, "is required");
      }
      return "";
    }
    return node.text(key);
  }

  /** A refused value: where ({@link #line}, {@link #field}) and why (the message). */
  static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int line;
    final String field;

    Refusal(int line, String field, String problem) {
      super(problem, null, false, false);
      this.line = line;
      this.field = field;
    }
  }

  /** A construct refused as SnakeYAML hands it to Jackson; {@code key} when it is a mapping key. */
  private static final class Refused extends IOException {
    private static final long serialVersionUID = 1L;
    final int line;
    final @Nullable String key;

    Refused(Event event, @Nullable String key, String reason) {
      super(reason);
      this.line = event.getStartMark().getLine() + 1;
      this.key = key;
    }
  }

  /**
   * Sees every SnakeYAML event before Jackson does. Jackson's own accessors are not exact enough:
   * {@code getObjectId()} repeats a mapping's anchor on its first key, {@code getTypeId()} skips
   * the first key's tag, and neither tells a plain {@code <<} (a merge key in YAML 1.1) from a
   * quoted one (an ordinary key).
   */
  private static final class StrictParser extends YAMLParser {

    StrictParser(
        IOContext context,
        int features,
        int yamlFeatures,
        @Nullable LoaderOptions options,
        @Nullable ObjectCodec codec,
        Reader reader) {
      super(context, features, yamlFeatures, options, codec, reader);
    }

    @Override
    protected Event getEvent() throws IOException {
      Event event = super.getEvent();
      // where Jackson expects a field name next (or the end of the mapping)
      boolean keyPosition =
          getParsingContext().inObject() && currentToken() != JsonToken.FIELD_NAME;
      String key =
          keyPosition && event instanceof ScalarEvent ? ((ScalarEvent) event).getValue() : null;
      if (event instanceof AliasEvent) {
        throw new Refused(event, key, ALIAS);
      }
      if (event instanceof NodeEvent && ((NodeEvent) event).getAnchor() != null) {
        throw new Refused(event, key, ANCHOR);
      }
      String tag =
          event instanceof ScalarEvent
              ? ((ScalarEvent) event).getTag()
              : event instanceof CollectionStartEvent
                  ? ((CollectionStartEvent) event).getTag()
                  : null;
      if (tag != null) {
        throw new Refused(event, key, TAG);
      }
      if (key != null && key.equals("<<") && ((ScalarEvent) event).isPlain()) {
        throw new Refused(event, key, MERGE);
      }
      return event;
    }
  }

  private static final class StrictFactory extends YAMLFactory {
    private static final long serialVersionUID = 1L;

    @Override
    protected YAMLParser _createParser(Reader reader, IOContext context) {
      return new StrictParser(
          context, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, reader);
    }
  }
}
