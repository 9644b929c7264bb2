package dev.infrajunit.embedded;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.client.future.DefaultOpenFuture;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.channel.ChannelListener;
import org.apache.sshd.common.channel.exception.SshChannelOpenException;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.channel.ChannelSession;

/**
 * Session channels limited per connection the way OpenSSH's {@code MaxSessions} limits them: one
 * too many is refused with "open failed" and the connection lives on. (MINA's own channel limit
 * drops the whole connection instead.)
 */
final class SessionLimit implements ChannelFactory {

    private final int maxSessions;
    private final Map<Session, AtomicInteger> open = new ConcurrentHashMap<>();

    SessionLimit(int maxSessions) {
        this.maxSessions = maxSessions;
    }

    @Override
    public String getName() {
        return "session";
    }

    @Override
    public Channel createChannel(Session session) {
        return new ChannelSession() {
            @Override
            protected OpenFuture doInit(Buffer buffer) {
                AtomicInteger sessions = open.computeIfAbsent(session, s -> new AtomicInteger());
                if (sessions.incrementAndGet() > maxSessions) {
                    sessions.decrementAndGet();
                    DefaultOpenFuture refused = new DefaultOpenFuture(this, new Object());
                    refused.setException(new SshChannelOpenException(getChannelId(),
                            SshConstants.SSH_OPEN_ADMINISTRATIVELY_PROHIBITED, "open failed"));
                    return refused;
                }
                addChannelListener(new ChannelListener() {
                    @Override
                    public void channelClosed(Channel channel, Throwable reason) {
                        if (sessions.decrementAndGet() == 0) {
                            open.remove(session, sessions);
                        }
                    }
                });
                return super.doInit(buffer);
            }
        };
    }
}
