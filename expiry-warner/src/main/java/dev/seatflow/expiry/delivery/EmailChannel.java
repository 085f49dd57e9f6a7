package dev.seatflow.expiry.delivery;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Date;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;

/** One e-mail to all of the tenant's recipients, with a text and an HTML alternative. */
public final class EmailChannel implements ExpiryChannel {

    public static final String IDEMPOTENCY_HEADER = "X-Seatflow-Idempotency-Key";

    private final JavaMailSender mail;
    private final String from;

    public EmailChannel(JavaMailSender mail, String from) {
        this.mail = mail;
        this.from = from;
    }

    @Override
    public String name() {
        return EMAIL;
    }

    @Override
    public void send(Warning warning) throws DeliveryException {
        try {
            mail.send(message(warning));
        } catch (MailException | MessagingException e) {
            throw new DeliveryException("e-mail not sent: " + e.getMessage(), e);
        }
    }

    private MimeMessage message(Warning warning) throws MessagingException {
        EmailContent content = EmailContent.of(warning);
        MimeMessage message = mail.createMimeMessage();
        message.setFrom(new InternetAddress(from));
        message.setRecipients(Message.RecipientType.TO,
                InternetAddress.parse(String.join(",", warning.destination().emailRecipients())));
        message.setSubject(content.subject(), "UTF-8");
        message.setSentDate(Date.from(warning.sentAt()));
        message.setHeader(IDEMPOTENCY_HEADER, warning.id().toString());
        MimeBodyPart text = new MimeBodyPart();
        text.setText(content.text(), "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(content.html(), "UTF-8", "html");
        // multipart/alternative: simplest last, so clients show the HTML when they can.
        MimeMultipart alternatives = new MimeMultipart("alternative");
        alternatives.addBodyPart(text);
        alternatives.addBodyPart(html);
        message.setContent(alternatives);
        return message;
    }
}
