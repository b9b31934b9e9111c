package io.corral.sshproxy.server;

import io.corral.sshproxy.access.ChannelRequest;

/** One relayed channel of a session, which a change of permissions may end. */
interface Relay {

    /** What the user asked for when opening it. */
    ChannelRequest request();

    /** Ends the relay, telling the user why where the channel allows it. */
    void withdraw(String message);

}
