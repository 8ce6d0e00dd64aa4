package io.hookline.api;

/**
 * The introspection query graphql-js's {@code getIntrospectionQuery(options)} sends (16.15 and 17.1 give the
 * same text), ported field for field with the options a client may set; each option adds its fields exactly
 * where graphql-js puts them. {@code experimentalDirectiveDeprecation} is left out: it asks for
 * {@code __Directive.isDeprecated}, which graphql-java does not define.
 *
 * @param typeDepth how many {@code ofType} levels a type reference unwraps (graphql-js: 9 by default, at most 100)
 */
record IntrospectionQuery(boolean descriptions, boolean specifiedByUrl, boolean directiveIsRepeatable,
                          boolean schemaDescription, boolean inputValueDeprecation, boolean oneOf, int typeDepth) {

    /** {@code getIntrospectionQuery()}: descriptions on, every other option off, a type depth of 9. */
    static final IntrospectionQuery DEFAULT = new IntrospectionQuery(true, false, false, false, false, false, 9);

    IntrospectionQuery {
        if (typeDepth > 100) {
            throw new IllegalArgumentException(
                    "Please set typeDepth to a reasonable value between 0 and 100; the default is 9.");
        }
    }

    /** Every option this server can honour turned on. */
    IntrospectionQuery withEveryOption() {
        return new IntrospectionQuery(true, true, true, true, true, true, typeDepth);
    }

    IntrospectionQuery withDescriptions(boolean on) {
        return new IntrospectionQuery(on, specifiedByUrl, directiveIsRepeatable, schemaDescription,
                inputValueDeprecation, oneOf, typeDepth);
    }

    IntrospectionQuery withTypeDepth(int depth) {
        return new IntrospectionQuery(descriptions, specifiedByUrl, directiveIsRepeatable, schemaDescription,
                inputValueDeprecation, oneOf, depth);
    }

    /** The query's text, as graphql-js lays it out. */
    String text() {
        String description = descriptions ? "description" : "";
        String inputDeprecation = inputValueDeprecation ? "(includeDeprecated: true)" : "";
        return """

                    query IntrospectionQuery {
                      __schema {
                        %s
                        queryType { name kind }
                        mutationType { name kind }
                        subscriptionType { name kind }
                        types {
                          ...FullType
                        }
                        directives {
                          name
                          %s
                          %s
                          locations
                          args%s {
                            ...InputValue
                          }
                        }
                      }
                    }

                    fragment FullType on __Type {
                      kind
                      name
                      %s
                      %s
                      %s
                      fields(includeDeprecated: true) {
                        name
                        %s
                        args%s {
                          ...InputValue
                        }
                        type {
                          ...TypeRef
                        }
                        isDeprecated
                        deprecationReason
                      }
                      inputFields%s {
                        ...InputValue
                      }
                      interfaces {
                        ...TypeRef
                      }
                      enumValues(includeDeprecated: true) {
                        name
                        %s
                        isDeprecated
                        deprecationReason
                      }
                      possibleTypes {
                        ...TypeRef
                      }
                    }

                    fragment InputValue on __InputValue {
                      name
                      %s
                      type { ...TypeRef }
                      defaultValue
                      %s
                      %s
                    }

                    fragment TypeRef on __Type {
                      kind
                      name%s
                    }
                  """.formatted(
                schemaDescription ? description : "",
                description, directiveIsRepeatable ? "isRepeatable" : "", inputDeprecation,
                description, specifiedByUrl ? "specifiedByURL" : "", oneOf ? "isOneOf" : "",
                description, inputDeprecation, inputDeprecation, description,
                description, inputValueDeprecation ? "isDeprecated" : "",
                inputValueDeprecation ? "deprecationReason" : "",
                ofType(typeDepth, "      "));
    }

    private static String ofType(int level, String indent) {
        if (level <= 0) {
            return "";
        }
        return "\n" + indent + "ofType {\n" + indent + "  name\n" + indent + "  kind"
                + ofType(level - 1, indent + "  ") + "\n" + indent + "}";
    }
}
