package io.omniroute.gateway.wire;

import io.omniroute.engine.Command;
import io.omniroute.gateway.wire.sbe.*;
import io.omniroute.journal.StringCache;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * What the server does with bytes from a client, minus the network: cut the stream into frames by their length
 * prefixes, check each length and structure, and decode what passes. Used by the fuzz tests: for any input it must
 * end in frames decoded or in a clean, described rejection, never in an exception or a hang.
 */
final class WireInput
{
    static final int MAX_FRAME = Framing.DEFAULT_MAX_INBOUND_FRAME_LENGTH;

    private final MessageValidator validator = new MessageValidator();
    private final CommandWireDecoder decoder = new CommandWireDecoder(new StringCache(64));
    private final Command command = new Command();
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final LogonDecoder logon = new LogonDecoder();
    private final SubscribeDecoder subscribe = new SubscribeDecoder();
    int decoded;
    int rejected;

    /**
     * @return a description of why the stream was rejected, or null when every whole frame decoded.
     */
    String process(final byte[] data)
    {
        final UnsafeBuffer in = new UnsafeBuffer(data);
        int pos = 0;
        while (data.length - pos >= Framing.LENGTH_FIELD_LENGTH)
        {
            final int length = Framing.readLength(in, pos);
            final int check = Framing.checkLength(length, MAX_FRAME);
            if (check != Framing.LENGTH_OK)
            {
                rejected++;
                return require(Framing.describeLength(check, length, MAX_FRAME));
            }
            if (data.length - pos - Framing.LENGTH_FIELD_LENGTH < length)
            {
                return null; // waits for the rest of the frame
            }
            view.wrap(data, pos + Framing.LENGTH_FIELD_LENGTH, length);
            if (validator.validate(view, 0, length) != MessageValidator.OK)
            {
                rejected++;
                return require(validator.error());
            }
            final int templateId = validator.templateId();
            if (CommandWireDecoder.isCommand(templateId))
            {
                decoder.decode(view, 0, length, templateId, validator.blockLength(), validator.version(), command);
                if (command.invalidMessage != null && command.invalidMessage.isEmpty())
                {
                    throw new AssertionError("an invalid command must say why");
                }
            }
            else if (templateId == LogonDecoder.TEMPLATE_ID)
            {
                final LogonDecoder d = logon.wrap(view, MessageHeaderDecoder.ENCODED_LENGTH, validator.blockLength(),
                    validator.version());
                d.clientId();
                d.secret();
            }
            else if (templateId == SubscribeDecoder.TEMPLATE_ID)
            {
                subscribe.wrap(view, MessageHeaderDecoder.ENCODED_LENGTH, validator.blockLength(), validator.version())
                    .channel();
            }
            decoded++;
            pos += Framing.LENGTH_FIELD_LENGTH + length;
        }
        return null;
    }

    private static String require(final String reason)
    {
        if (reason == null || reason.isEmpty())
        {
            throw new AssertionError("a rejected frame must say why");
        }
        return reason;
    }
}
