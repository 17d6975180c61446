package org.panelwatch.alert.service;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.regex.Pattern;

/**
 * The one rule for e-mail addresses we store and send to, for subscribers and e-mail channels alike: exactly
 * one plain address as RFC 822 defines it ({@link InternetAddress} in strict mode), nothing around it. A
 * header accepts lists, groups and display names ({@code a@example.org,b}, {@code Ann <a@example.org>}), so
 * the parser alone would let one stored "address" reach several mailboxes; those are refused here.
 */
public final class EmailAddresses {

    /** A host name with at least one dot: no address literals, no local host names. */
    private static final Pattern DOMAIN = Pattern.compile(
            "^[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?(?:\\.[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?)+$");
    /** Separators of address lists and groups, display-name brackets, quotes and any white space. */
    private static final Pattern NOT_IN_A_PLAIN_ADDRESS = Pattern.compile("[,;:<>\"()\\[\\]\\\\\\s]");

    private EmailAddresses() {
    }

    /** Whether the text is exactly one plain address (the caller bounds its length first). */
    public static boolean isPlainAddress(String text) {
        if (text == null || text.isEmpty() || NOT_IN_A_PLAIN_ADDRESS.matcher(text).find()) {
            return false;
        }
        try {
            InternetAddress parsed = new InternetAddress(text, true);
            if (parsed.isGroup() || parsed.getPersonal() != null || !text.equals(parsed.getAddress())) {
                return false;
            }
        } catch (AddressException e) {
            return false;
        }
        int at = text.lastIndexOf('@');
        return at > 0 && DOMAIN.matcher(text.substring(at + 1)).matches();
    }
}
