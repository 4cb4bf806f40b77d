package io.omniroute.gateway.server;

import io.omniroute.gateway.wire.Framing;
import io.omniroute.gateway.wire.MessageValidator;
import io.omniroute.gateway.wire.sbe.*;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A bare blocking TCP connection for protocol tests: writes any bytes, reads whole frames with a deadline.
 */
public final class RawConnection implements AutoCloseable
{
    public final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);

    /** One frame read back. */
    public static final class Frame
    {
        public final int templateId;
        public final UnsafeBuffer buffer;
        public final int blockLength;
        public final int version;

        Frame(final byte[] bytes)
        {
            buffer = new UnsafeBuffer(bytes);
            final MessageValidator v = new MessageValidator();
            if (v.validate(buffer, 0, bytes.length) != MessageValidator.OK)
            {
                throw new AssertionError("server sent a bad frame: " + v.error());
            }
            templateId = v.templateId();
            blockLength = v.blockLength();
            version = v.version();
        }

        public ErrorDecoder error()
        {
            if (templateId != ErrorDecoder.TEMPLATE_ID)
            {
                throw new AssertionError("expected an Error frame, got template " + templateId);
            }
            return new ErrorDecoder().wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, blockLength, version);
        }

        public ResultDecoder result()
        {
            if (templateId != ResultDecoder.TEMPLATE_ID)
            {
                throw new AssertionError("expected a Result frame, got template " + templateId +
                    (templateId == ErrorDecoder.TEMPLATE_ID ? ": " + error().code() + " " + error().message() : ""));
            }
            return new ResultDecoder().wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, blockLength, version);
        }
    }

    public RawConnection(final int port) throws IOException
    {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(5_000);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
    }

    public void write(final byte[] bytes) throws IOException
    {
        out.write(bytes);
        out.flush();
    }

    public void write(final byte[] bytes, final int offset, final int length) throws IOException
    {
        out.write(bytes, offset, length);
        out.flush();
    }

    /**
     * @return a Logon frame (prefix included).
     */
    public byte[] logonFrame(final String clientId, final String secret)
    {
        final LogonEncoder e = new LogonEncoder().wrapAndApplyHeader(buffer, 4, header);
        e.correlationId(1).heartbeatIntervalMs(0).clientId(clientId).secret(secret);
        return frame(MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength());
    }

    public byte[] frame(final int messageLength)
    {
        Framing.writeLength(buffer, 0, messageLength);
        final byte[] bytes = new byte[4 + messageLength];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    public ExpandableArrayBuffer buffer()
    {
        return buffer;
    }

    public MessageHeaderEncoder header()
    {
        return header;
    }

    public Frame logon(final String clientId, final String secret) throws IOException
    {
        write(logonFrame(clientId, secret));
        return read();
    }

    /**
     * Reads one whole frame (skipping heartbeats).
     */
    public Frame read() throws IOException
    {
        while (true)
        {
            final int length = Integer.reverseBytes(in.readInt());
            final byte[] bytes = new byte[length];
            in.readFully(bytes);
            final Frame f = new Frame(bytes);
            if (f.templateId != HeartbeatDecoder.TEMPLATE_ID)
            {
                return f;
            }
        }
    }

    /**
     * @return true when the server closed the connection within the socket timeout.
     */
    public boolean closedByServer() throws IOException
    {
        final InputStream s = socket.getInputStream();
        try
        {
            while (true)
            {
                if (s.read() < 0)
                {
                    return true;
                }
            }
        }
        catch (final SocketTimeoutException ex)
        {
            return false;
        }
        catch (final EOFException | java.net.SocketException ex)
        {
            return true;
        }
    }

    @Override
    public void close() throws IOException
    {
        socket.close();
    }
}
