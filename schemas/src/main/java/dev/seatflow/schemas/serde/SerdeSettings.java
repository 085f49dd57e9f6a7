package dev.seatflow.schemas.serde;

import java.util.Map;

/**
 * Wire format settings.
 *
 * @param registryUrl Apicurio Registry API URL (e.g. {@code http://registry:8080/apis/registry/v3});
 *     blank means no registry: single-object encoding
 * @param registryProperties further {@code apicurio.registry.*} client settings (auth, TLS)
 */
public record SerdeSettings(String registryUrl, Map<String, String> registryProperties) {

    public SerdeSettings {
        registryProperties = registryProperties == null ? Map.of() : Map.copyOf(registryProperties);
    }

    public static SerdeSettings embedded() {
        return new SerdeSettings(null, Map.of());
    }

    public static SerdeSettings registry(String url) {
        return new SerdeSettings(url, Map.of());
    }

    public boolean usesRegistry() {
        return registryUrl != null && !registryUrl.isBlank();
    }
}
