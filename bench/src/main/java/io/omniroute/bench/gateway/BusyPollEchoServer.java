package io.omniroute.bench.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The baseline: a raw TCP echo server on one busy-polling thread (non-blocking NIO, no selector), the least a
 * round trip over loopback can cost on this machine. Everything read is written back as is.
 */
final class BusyPollEchoServer implements AutoCloseable
{
    private final ServerSocketChannel server;
    private final Thread thread;
    private volatile boolean running = true;

    BusyPollEchoServer() throws IOException
    {
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        server.configureBlocking(false);
        thread = new Thread(this::run, "echo-busy-poll");
        thread.setDaemon(true);
        thread.start();
    }

    int port() throws IOException
    {
        return ((InetSocketAddress)server.getLocalAddress()).getPort();
    }

    private void run()
    {
        final List<SocketChannel> channels = new ArrayList<>();
        final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        try
        {
            while (running)
            {
                final SocketChannel accepted = server.accept();
                if (accepted != null)
                {
                    accepted.configureBlocking(false);
                    accepted.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    channels.add(accepted);
                }
                for (int i = 0; i < channels.size(); i++)
                {
                    final SocketChannel ch = channels.get(i);
                    try
                    {
                        buffer.clear();
                        final int n = ch.read(buffer);
                        if (n < 0)
                        {
                            ch.close();
                            channels.remove(i--);
                            continue;
                        }
                        if (n > 0)
                        {
                            buffer.flip();
                            while (buffer.hasRemaining())
                            {
                                ch.write(buffer);
                            }
                        }
                    }
                    catch (final IOException ex)
                    {
                        // a client that closed with answers unread resets the connection: that one ends, others go on
                        ch.close();
                        channels.remove(i--);
                    }
                }
                Thread.onSpinWait();
            }
        }
        catch (final IOException ex)
        {
            if (running)
            {
                ex.printStackTrace();
            }
        }
    }

    @Override
    public void close() throws IOException
    {
        running = false;
        server.close();
    }
}
