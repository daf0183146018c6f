package dev.clipflow.gateway.mcp;

import com.fasterxml.jackson.databind.AnnotationIntrospector;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.introspect.NopAnnotationIntrospector;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * The gateway writes its own JSON in snake_case ({@code quarkus.jackson.property-naming-strategy}), but the MCP
 * extension serializes its protocol types ({@code isError}, {@code mimeType}, {@code structuredContent}, ...) with
 * the same mapper, and MCP clients read camelCase: every type of the extension keeps its Java names.
 */
@Singleton
public class McpJsonNames implements ObjectMapperCustomizer {

    private static final String MCP_PACKAGE = "io.quarkiverse.mcp.";

    @Override
    public void customize(ObjectMapper mapper) {
        AnnotationIntrospector configured = mapper.getSerializationConfig().getAnnotationIntrospector();
        mapper.setAnnotationIntrospector(AnnotationIntrospector.pair(new McpTypesInCamelCase(), configured));
    }

    /** After every other customizer, so the introspector it wraps is the final one. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    private static final class McpTypesInCamelCase extends NopAnnotationIntrospector {
        @Override
        public Object findNamingStrategy(AnnotatedClass type) {
            return type.getRawType().getName().startsWith(MCP_PACKAGE) ? PropertyNamingStrategies.LowerCamelCaseStrategy.class
                    : null;
        }
    }
}
