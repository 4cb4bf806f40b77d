package io.omniroute.engine.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.omniroute.engine.CommandType;
import io.omniroute.engine.Decision;
import io.omniroute.engine.Network;
import io.omniroute.engine.Reason;
import io.omniroute.engine.Status;

import java.io.IOException;

/**
 * Writes a {@link Decision} as one SPEC §4 result object. Field order is fixed, so output is byte-identical for the
 * same decisions.
 */
public final class ResultJsonEncoder
{
    private final Network network;

    public ResultJsonEncoder(final Network network)
    {
        this.network = network;
    }

    public void encode(final Decision d, final JsonGenerator g) throws IOException
    {
        g.writeStartObject();
        g.writeNumberField("seq", d.seq);
        if (d.type != CommandType.UNKNOWN)
        {
            g.writeStringField("type", d.type.jsonName());
        }
        else if (d.typeName != null)
        {
            g.writeStringField("type", d.typeName);
        }
        if (d.orderId != null)
        {
            g.writeStringField("order_id", d.orderId);
        }
        g.writeStringField("status", d.status.name());
        if (d.reason != Reason.NONE)
        {
            g.writeStringField("reason", d.reason.name());
        }
        if (d.message != null)
        {
            g.writeStringField("message", d.message);
        }
        if (d.status == Status.ALLOCATED || d.shipmentCount > 0)
        {
            g.writeNumberField("total_cost_cents", d.totalCostCents);
            g.writeArrayFieldStart("shipments");
            for (int s = 0; s < d.shipmentCount; s++)
            {
                g.writeStartObject();
                g.writeStringField("location_id", network.locationId(d.shipLocation[s]));
                g.writeStringField("carrier", network.rates().carrierName(d.shipCarrier[s]));
                g.writeStringField("service", d.service.name());
                g.writeNumberField("zone", d.shipZone[s]);
                g.writeNumberField("transit_days", d.shipTransitDays[s]);
                g.writeNumberField("cost_cents", d.shipCostCents[s]);
                g.writeArrayFieldStart("lines");
                final int end = d.shipLineStart[s] + d.shipLineCount[s];
                for (int i = d.shipLineStart[s]; i < end; i++)
                {
                    g.writeStartObject();
                    g.writeStringField("sku", network.sku(d.lineSku[i]));
                    g.writeNumberField("qty", d.lineQty[i]);
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }
}
