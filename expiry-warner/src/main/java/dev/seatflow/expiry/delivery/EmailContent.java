package dev.seatflow.expiry.delivery;

import org.springframework.web.util.HtmlUtils;

/** Subject and bodies of a warning e-mail. */
public record EmailContent(String subject, String text, String html) {

    public static EmailContent of(Warning warning) {
        String subject = "License " + warning.licenseKey() + " " + warning.status();
        String sentence = "The license " + warning.licenseKey() + " (id " + warning.licenseId() + ") of tenant "
                + warning.tenantId() + " " + warning.status() + (warning.atExpiry() ? " on " : ": it expires on ")
                + warning.expiryText() + ".";
        String advice = warning.atExpiry() ? "It no longer grants seats; renew it to use it again."
                : "Renew or extend it before then to keep its seats available.";
        String text = sentence + "\n\n" + advice + "\n\nWarning id: " + warning.id() + "\n";
        String html = "<!DOCTYPE html><html><body><p>" + HtmlUtils.htmlEscape(sentence) + "</p><p>" + HtmlUtils.htmlEscape(advice)
                + "</p><p style=\"color:#777;font-size:small\">Warning id: " + warning.id() + "</p></body></html>";
        return new EmailContent(subject, text, html);
    }
}
