package io.hookline.subscription;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A subscription filter as the API gives it: a combinator over other nodes, or one test of one
 * field of the resource's row (docs/filters.md).
 */
sealed interface FilterNode {

    /** The node in the API's shape, as stored and read back. */
    Object toApi();

    record All(List<FilterNode> nodes) implements FilterNode {
        @Override
        public Object toApi() {
            return Map.of("all", nodes.stream().map(FilterNode::toApi).toList());
        }
    }

    record Any(List<FilterNode> nodes) implements FilterNode {
        @Override
        public Object toApi() {
            return Map.of("any", nodes.stream().map(FilterNode::toApi).toList());
        }
    }

    record Not(FilterNode node) implements FilterNode {
        @Override
        public Object toApi() {
            return Map.of("not", node.toApi());
        }
    }

    /** One operator on one field; {@code value} is a String, a list of Strings or a Boolean, as the operator takes. */
    record Test(String field, Operator operator, Object value) implements FilterNode {
        @Override
        public Object toApi() {
            Map<String, Object> api = new LinkedHashMap<>();
            api.put("field", field);
            api.put(operator.key, value);
            return api;
        }
    }

    enum Operator {
        EQUALS("equals"), IN("in"), IS_NULL("isNull"), CHANGED("changed"), CHANGED_FROM("changedFrom"),
        CHANGED_TO("changedTo");

        /** The operator's name in the API. */
        final String key;

        Operator(String key) {
            this.key = key;
        }
    }
}
