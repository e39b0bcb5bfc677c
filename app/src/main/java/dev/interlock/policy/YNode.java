package dev.interlock.policy;

import java.io.Reader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML node that remembers its file and line, so every error about a pack can say where it is. Matchers
 * read their specification through this class and report problems with {@link #error(String)}.
 */
public final class YNode {
    private final Node node;
    private final String file;

    private YNode(Node node, String file) {
        this.node = node;
        this.file = file;
    }

    public static YNode parse(Reader reader, String file) throws PackException {
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(50);
            Node root = new Yaml(options).compose(reader);
            if (root == null) {
                throw new PackException(file, 1, null, "the file is empty");
            }
            return new YNode(root, file);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new PackException(file, line, null, "not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new PackException(file, 0, null, "not valid YAML: " + e.getMessage());
        }
    }

    public static YNode parse(String text, String file) throws PackException {
        return parse(new java.io.StringReader(text), file);
    }

    public String file() {
        return file;
    }

    /** 1-based line where this node starts. */
    public int line() {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    public boolean isScalar() {
        return node instanceof ScalarNode;
    }

    public boolean isList() {
        return node instanceof SequenceNode;
    }

    public boolean isMap() {
        return node instanceof MappingNode;
    }

    public PackException error(String problem) {
        return new PackException(file, line(), null, problem);
    }

    public String string() throws PackException {
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        throw error("expected a single value here, found " + describe());
    }

    public boolean bool() throws PackException {
        String v = string().trim();
        return switch (v) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw error("expected true or false, found '" + v + "'");
        };
    }

    public int integer() throws PackException {
        String v = string().trim();
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw error("expected a whole number, found '" + v + "'");
        }
    }

    /** The items of a list; a single value counts as a list of one, so {@code x: a} and {@code x: [a]} agree. */
    public List<YNode> items() throws PackException {
        if (node instanceof SequenceNode seq) {
            List<YNode> out = new ArrayList<>(seq.getValue().size());
            for (Node n : seq.getValue()) {
                out.add(new YNode(n, file));
            }
            return out;
        }
        if (node instanceof ScalarNode || node instanceof MappingNode) {
            return List.of(this);
        }
        throw error("expected a list here, found " + describe());
    }

    /** The items of a list of single values, as strings. */
    public List<String> strings() throws PackException {
        List<String> out = new ArrayList<>();
        for (YNode item : items()) {
            out.add(item.string());
        }
        return out;
    }

    /** The entries of a mapping, in file order. */
    public Map<String, YNode> entries() throws PackException {
        if (!(node instanceof MappingNode map)) {
            throw error("expected a mapping (key: value) here, found " + describe());
        }
        Map<String, YNode> out = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode key)) {
                throw new YNode(t.getKeyNode(), file).error("keys must be plain words");
            }
            out.put(key.getValue(), new YNode(t.getValueNode(), file));
        }
        return out;
    }

    public Optional<YNode> get(String key) throws PackException {
        return Optional.ofNullable(entries().get(key));
    }

    public YNode require(String key) throws PackException {
        YNode v = entries().get(key);
        if (v == null) {
            throw error("missing required key '" + key + "'");
        }
        return v;
    }

    public Optional<String> string(String key) throws PackException {
        Optional<YNode> v = get(key);
        return v.isPresent() ? Optional.of(v.get().string()) : Optional.empty();
    }

    public List<String> strings(String key) throws PackException {
        Optional<YNode> v = get(key);
        return v.isPresent() ? v.get().strings() : List.of();
    }

    /** Fails with the line of the first key that is not one of {@code allowed}. */
    public void allowOnly(Collection<String> allowed) throws PackException {
        if (!(node instanceof MappingNode map)) {
            throw error("expected a mapping (key: value) here, found " + describe());
        }
        for (NodeTuple t : map.getValue()) {
            String key = ((ScalarNode) t.getKeyNode()).getValue();
            if (!allowed.contains(key)) {
                throw new YNode(t.getKeyNode(), file).error(
                        "unknown key '" + key + "' (expected one of: " + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
    }

    public void allowOnly(String... allowed) throws PackException {
        allowOnly(Set.of(allowed));
    }

    /** Plain Java value of this node (String, List, Map), for example bodies. */
    public Object plain() throws PackException {
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        if (node instanceof SequenceNode) {
            List<Object> out = new ArrayList<>();
            for (YNode n : items()) {
                out.add(n.plain());
            }
            return out;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, YNode> e : entries().entrySet()) {
            out.put(e.getKey(), e.getValue().plain());
        }
        return out;
    }

    private String describe() {
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        return "a value";
    }
}
