package dev.seatflow.bench.scenario;

import dev.seatflow.bench.system.ApiClient;
import java.util.ArrayList;
import java.util.List;

/** Tenants a scenario creates for itself on one system: an owner, licenses and member users each. */
public record Fixture(List<Tenant> tenants) {

    public record Tenant(String id, String ownerToken, List<String> userTokens, List<String> licenseKeys) {
    }

    public static Fixture create(ApiClient api, String idPrefix, int tenants, int licenses, int users, int maxSeats) {
        List<Tenant> created = new ArrayList<>();
        for (int t = 0; t < tenants; t++) {
            String id = idPrefix + "-" + t;
            String owner = api.token(id, "owner", "owner");
            api.configureTenant(owner, maxSeats);
            List<String> keys = new ArrayList<>();
            for (int l = 0; l < licenses; l++) {
                keys.add(api.createLicense(owner));
            }
            List<String> tokens = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                tokens.add(api.token(id, "user-" + u, "member"));
            }
            created.add(new Tenant(id, owner, List.copyOf(tokens), List.copyOf(keys)));
        }
        return new Fixture(List.copyOf(created));
    }
}
