package org.panelwatch.common.outbound;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Whether a destination may be reached: the URL's shape, the host name, and every address it resolves
 * to under the {@link AddressPolicy}. {@link #check} answers when a URL is saved, to tell the user at
 * once; {@link #allowedAddresses} is what {@link GuardedHttpClient} connects to, so the address checked
 * is the address connected, whatever the name resolves to later (DNS rebinding).
 *
 * <p>A name with one refused address among allowed ones is refused as a whole rather than trimmed to the
 * allowed ones: a public name has no business resolving into the private network, and an answer that
 * mixes them is the shape of a rebinding attack.
 */
public final class DestinationGuard {

    /** What a check when saving found. */
    public enum Verdict { ALLOWED, REFUSED, UNRESOLVED }

    /** The verdict, and for a refusal the reason in words a user can act on. */
    public record Check(Verdict verdict, String reason) {
        public boolean refused() {
            return verdict == Verdict.REFUSED;
        }
    }

    private final AddressPolicy policy;
    private final HostResolver resolver;

    public DestinationGuard(AddressPolicy policy, HostResolver resolver) {
        this.policy = policy;
        this.resolver = resolver;
    }

    public AddressPolicy policy() {
        return policy;
    }

    /** Checks a URL as it is saved: shape, name, and the addresses the name has now. */
    public Check check(String url) {
        Optional<String> problem = OutboundUrl.problem(url);
        if (problem.isPresent()) {
            return new Check(Verdict.REFUSED, problem.get());
        }
        String host = URI.create(url).getHost();
        try {
            allowedAddresses(host);
            return new Check(Verdict.ALLOWED, null);
        } catch (AddressNotAllowedException e) {
            return new Check(Verdict.REFUSED, "is not allowed: " + e.getMessage());
        } catch (UnknownHostException e) {
            return new Check(Verdict.UNRESOLVED, "has a host that does not resolve");
        }
    }

    /** The addresses of the host, every one of them allowed, or the reason why not. */
    public InetAddress[] allowedAddresses(String host) throws UnknownHostException {
        String bare = OutboundUrl.bareHost(host);
        Optional<String> nameRefusal = policy.refusalOfName(bare);
        if (nameRefusal.isPresent()) {
            throw new AddressNotAllowedException(nameRefusal.get());
        }
        InetAddress[] addresses = resolver.resolve(bare);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(bare);
        }
        for (InetAddress address : addresses) {
            Optional<String> refusal = policy.refusal(address);
            if (refusal.isPresent()) {
                throw new AddressNotAllowedException(refusal.get());
            }
        }
        return addresses.clone();
    }
}
