package dev.seatflow.gateway.clientaddress;

import dev.seatflow.gateway.config.GatewaySettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class ClientAddressConfiguration {

    @Bean
    ClientAddressFilter clientAddressFilter(GatewaySettings settings) {
        GatewaySettings.ClientAddress trust = settings.clientAddress();
        return new ClientAddressFilter(new ClientAddresses(trust.trustedProxies(), trust.trustedHops()));
    }
}
