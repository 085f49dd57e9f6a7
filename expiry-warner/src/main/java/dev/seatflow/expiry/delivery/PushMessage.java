package dev.seatflow.expiry.delivery;

import com.google.firebase.messaging.Message;
import com.google.firebase.messaging.Notification;
import java.util.Map;

/**
 * What a push warning holds, as plain data: firebase-admin's {@link Message} has no getters, so
 * this is what tests look at, and {@link #toMessage()} is the only mapping.
 */
public record PushMessage(String topic, String title, String body, Map<String, String> data) {

    public PushMessage {
        data = Map.copyOf(data);
    }

    public Message toMessage() {
        return Message.builder()
                .setTopic(topic)
                .setNotification(Notification.builder().setTitle(title).setBody(body).build())
                .putAllData(data)
                .build();
    }
}
