package dev.sequere.redis.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ClientKillParams;

/**
 * Kills, from a connection of its own, every connection that carries one client name: the
 * {@code CLIENT KILL} a network failure or a proxy restart would do. Only that name's connections
 * are touched, never another test's on the shared server.
 */
public final class ClientKiller implements AutoCloseable {

    private final String clientName;
    private final List<Jedis> admins = new ArrayList<>();
    private final AtomicLong killed = new AtomicLong();

    /**
     * Creates a killer for the servers given.
     *
     * @param clientName the client name of the victim connections
     * @param servers every server they may be connected to
     */
    public ClientKiller(String clientName, List<HostAndPort> servers) {
        this.clientName = clientName;
        for (HostAndPort server : servers) {
            admins.add(new Jedis(server.getHost(), server.getPort()));
        }
    }

    /** Kills every connection named {@code clientName} right now. */
    public void killAll() {
        for (Jedis admin : admins) {
            for (String line : admin.clientList().split("\n")) {
                if (line.contains(" name=" + clientName + " ")) {
                    String id = line.substring(line.indexOf("id=") + 3, line.indexOf(' ', line.indexOf("id=")));
                    killed.addAndGet(admin.clientKill(ClientKillParams.clientKillParams().id(id)));
                }
            }
        }
    }

    /**
     * How many connections were killed so far.
     *
     * @return the count
     */
    public long killed() {
        return killed.get();
    }

    @Override
    public void close() {
        admins.forEach(Jedis::close);
    }
}
