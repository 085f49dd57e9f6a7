package dev.seatflow.expiry.delivery;

import com.google.firebase.messaging.FirebaseMessaging;
import com.google.firebase.messaging.FirebaseMessagingException;

/** Sends the warning to the tenant's Firebase Cloud Messaging topic, namespaced by tenant ({@link PushMessages}). */
public final class PushChannel implements ExpiryChannel {

    private final FirebaseMessaging messaging;

    public PushChannel(FirebaseMessaging messaging) {
        this.messaging = messaging;
    }

    @Override
    public String name() {
        return PUSH;
    }

    @Override
    public void send(Warning warning) throws DeliveryException {
        try {
            messaging.send(PushMessages.build(warning).toMessage());
        } catch (FirebaseMessagingException e) {
            throw new DeliveryException("FCM refused the message: " + e.getMessagingErrorCode() + " " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new DeliveryException("invalid push message: " + e.getMessage(), e);
        }
    }
}
