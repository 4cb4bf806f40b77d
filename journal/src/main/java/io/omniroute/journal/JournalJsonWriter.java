package io.omniroute.journal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.omniroute.engine.Command;
import io.omniroute.engine.CommandType;

import java.io.IOException;

/**
 * Journal contents as JSON for the dump tool: a command in the JSON Lines input format (field names as
 * {@code simulate} reads them, absent fields left out, an INVALID command's decoder message as
 * {@code invalid_message}), and a whole entry with its sequence, ingress time, summary, command and result.
 */
public final class JournalJsonWriter
{
    private final CommandCodec codec = new CommandCodec();
    private final Command command = new Command();

    /**
     * Writes {@code {"seq":…,"ingress_time_ns":…,"status":…,"reason":…,"total_cost_cents":…,"command":{…},"result":{…}}}.
     */
    public void writeEntry(final JournalEntry e, final JsonGenerator g) throws IOException
    {
        g.writeStartObject();
        g.writeNumberField("seq", e.seq());
        g.writeNumberField("ingress_time_ns", e.ingressTimeNs());
        g.writeStringField("status", e.status() == null ? "?" : e.status().name());
        if (e.reason() != null && e.reason() != io.omniroute.engine.Reason.NONE)
        {
            g.writeStringField("reason", e.reason().name());
        }
        g.writeNumberField("total_cost_cents", e.totalCostCents());
        g.writeFieldName("command");
        writeCommand(e.decodeCommand(codec, command), g);
        g.writeFieldName("result");
        g.writeRawValue(e.resultLine());
        g.writeEndObject();
    }

    public void writeCommand(final Command c, final JsonGenerator g) throws IOException
    {
        g.writeStartObject();
        if (c.type != CommandType.UNKNOWN)
        {
            g.writeStringField("type", c.type.jsonName());
        }
        else if (c.typeName != null)
        {
            g.writeStringField("type", c.typeName);
        }
        text(g, "order_id", c.orderId);
        text(g, "hold_id", c.holdId);
        text(g, "customer_id", c.customerId);
        text(g, "channel", c.channel);
        text(g, "zip", c.zip);
        if (!Double.isNaN(c.lat))
        {
            g.writeNumberField("lat", c.lat);
        }
        if (!Double.isNaN(c.lon))
        {
            g.writeNumberField("lon", c.lon);
        }
        text(g, "service", c.serviceName);
        if (c.shipComplete)
        {
            g.writeBooleanField("ship_complete", true);
        }
        number(g, "max_transit_days", c.maxTransitDays);
        number(g, "hold_seconds", c.holdSeconds);
        if (c.serviceCount > 0)
        {
            g.writeArrayFieldStart("services");
            for (int i = 0; i < c.serviceCount; i++)
            {
                g.writeString(c.services[i]);
            }
            g.writeEndArray();
        }
        if (c.lineCount > 0)
        {
            g.writeArrayFieldStart("lines");
            for (int i = 0; i < c.lineCount; i++)
            {
                g.writeStartObject();
                text(g, "sku", c.lineSku[i]);
                number(g, "qty", c.lineQty[i]);
                number(g, "unit_price_cents", c.lineUnitPriceCents[i]);
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        text(g, "location_id", c.locationId);
        text(g, "sku", c.sku);
        number(g, "qty", c.qty);
        number(g, "on_hand", c.onHand);
        number(g, "safety_stock", c.safetyStock);
        if (c.resellablePresent)
        {
            g.writeBooleanField("resellable", c.resellable);
        }
        text(g, "reason", c.reason);
        text(g, "invalid_message", c.invalidMessage);
        g.writeEndObject();
    }

    private static void text(final JsonGenerator g, final String name, final CharSequence value) throws IOException
    {
        if (value != null)
        {
            g.writeStringField(name, value.toString());
        }
    }

    private static void number(final JsonGenerator g, final String name, final long value) throws IOException
    {
        if (value != Command.ABSENT)
        {
            g.writeNumberField(name, value);
        }
    }
}
