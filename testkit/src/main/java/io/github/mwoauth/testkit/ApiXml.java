package io.github.mwoauth.testkit;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * api.php's {@code format=xml}, approximately: objects become elements whose scalar members are attributes
 * ({@code "*"} becomes the text, {@code xml:space="preserve"}), arrays become elements with one child per
 * entry ({@code r} for rights, {@code g} for groups, {@code item} otherwise). Exact for error responses.
 */
final class ApiXml {

    private static final Map<String, String> ITEM_NAMES = Map.of("rights", "r", "groups", "g");

    private ApiXml() {
    }

    static String write(JsonNode root) {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\"?>");
        element(out, "api", root);
        return out.toString();
    }

    private static void element(StringBuilder out, String name, JsonNode node) {
        out.append('<').append(name);
        if (node.isArray()) {
            out.append('>');
            String itemName = ITEM_NAMES.getOrDefault(name, "item");
            for (JsonNode item : node) {
                if (item.isContainer()) {
                    element(out, itemName, item);
                } else {
                    out.append('<').append(itemName).append('>').append(Texts.html(item.asString())).append("</")
                            .append(itemName).append('>');
                }
            }
            out.append("</").append(name).append('>');
            return;
        }
        String text = null;
        for (Map.Entry<String, JsonNode> member : node.properties()) {
            JsonNode value = member.getValue();
            if (member.getKey().equals("*")) {
                text = value.asString();
            } else if (!value.isContainer() && !(value.isBoolean() && !value.asBoolean())) {
                out.append(' ').append(member.getKey()).append("=\"")
                        .append(value.isBoolean() ? "" : Texts.html(value.asString())).append('"');
            }
        }
        if (text != null) {
            out.append(" xml:space=\"preserve\"");
        }
        StringBuilder children = new StringBuilder();
        for (Map.Entry<String, JsonNode> member : node.properties()) {
            if (member.getValue().isContainer()) {
                element(children, member.getKey(), member.getValue());
            }
        }
        if (text == null && children.isEmpty()) {
            out.append(" />");
            return;
        }
        out.append('>');
        if (text != null) {
            out.append(Texts.html(text));
        }
        out.append(children).append("</").append(name).append('>');
    }
}
