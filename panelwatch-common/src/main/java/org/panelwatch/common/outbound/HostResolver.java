package org.panelwatch.common.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Looks a host name up; the system's resolver in the services, a scripted one in tests (DNS rebinding). */
@FunctionalInterface
public interface HostResolver {

    HostResolver SYSTEM = InetAddress::getAllByName;

    InetAddress[] resolve(String host) throws UnknownHostException;
}
