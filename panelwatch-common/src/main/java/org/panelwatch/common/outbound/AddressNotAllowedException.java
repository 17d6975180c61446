package org.panelwatch.common.outbound;

import java.net.UnknownHostException;

/**
 * A host resolved to an address the policy refuses. An {@link UnknownHostException} so that the HTTP
 * client, which asks its resolver for addresses, fails the connection attempt with it before any socket
 * is opened.
 */
public final class AddressNotAllowedException extends UnknownHostException {

    public AddressNotAllowedException(String reason) {
        super(reason);
    }
}
