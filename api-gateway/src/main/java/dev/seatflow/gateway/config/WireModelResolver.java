package dev.seatflow.gateway.config;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.reflect.RecordComponent;
import java.util.Iterator;
import tools.jackson.databind.PropertyNamingStrategy;

/**
 * Describes bodies as the application's JSON mapper writes them. swagger-core introspects with
 * Jackson 2, which never sees Boot's Jackson 3 settings: it is given a naming strategy that asks
 * the application's one ({@code spring.jackson.property-naming-strategy}) for every name, so the
 * document cannot disagree with the wire. A record's primitive members are always sent and can
 * never be null, so they are required too (bean validation marks the rest).
 */
final class WireModelResolver extends ModelResolver {

    private final PropertyNamingStrategies.NamingBase names;

    WireModelResolver(PropertyNamingStrategy wireStrategy, boolean openapi31) {
        this(wireNames(wireStrategy));
        openapi31(openapi31);
    }

    private WireModelResolver(PropertyNamingStrategies.NamingBase names) {
        super(mapper(names));
        this.names = names;
    }

    private static ObjectMapper mapper(PropertyNamingStrategies.NamingBase names) {
        return Json.mapper().copy().setPropertyNamingStrategy(names);
    }

    private static PropertyNamingStrategies.NamingBase wireNames(PropertyNamingStrategy wireStrategy) {
        // A NamingBase renames by the name alone (it ignores the config and member it is handed), so it can be asked here.
        if (wireStrategy != null && !(wireStrategy instanceof tools.jackson.databind.PropertyNamingStrategies.NamingBase)) {
            throw new IllegalStateException("the JSON mapper's naming strategy cannot be described: " + wireStrategy);
        }
        return new PropertyNamingStrategies.NamingBase() {
            @Override
            public String translate(String name) {
                return wireStrategy == null ? name : wireStrategy.nameForField(null, null, name);
            }
        };
    }

    @Override
    public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        JavaType javaType = type.getType() == null ? null : _mapper.constructType(type.getType());
        Class<?> raw = javaType == null ? null : javaType.getRawClass();
        if (raw == Object.class) {
            // Any JSON value (a signed payload's members are strings, numbers and lists), not only an object.
            return new Schema<>();
        }
        if (javaType != null && javaType.isMapLikeType() && javaType.getContentType().getRawClass() == Object.class) {
            // swagger-core would describe Map<String, Object> values as objects: they are any JSON value.
            return new ObjectSchema().additionalProperties(Boolean.TRUE);
        }
        Schema schema = super.resolve(type, context, chain);
        if (schema == null || raw == null || !raw.isRecord()) {
            return schema;
        }
        Schema model = schema.get$ref() == null ? schema
                : context.getDefinedModels().get(schema.get$ref().substring("#/components/schemas/".length()));
        if (model != null && model.getProperties() != null) {
            for (RecordComponent member : raw.getRecordComponents()) {
                String name = names.translate(member.getName());
                boolean alreadyRequired = model.getRequired() != null && model.getRequired().contains(name);
                if (member.getType().isPrimitive() && model.getProperties().containsKey(name) && !alreadyRequired) {
                    model.addRequiredItem(name);
                }
            }
        }
        return schema;
    }
}
