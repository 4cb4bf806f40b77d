package io.omniroute.engine.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.omniroute.engine.CommandType;
import io.omniroute.engine.Decision;
import io.omniroute.engine.Engine;
import io.omniroute.engine.EngineEvents;
import io.omniroute.engine.Kpis;
import io.omniroute.engine.Network;
import io.omniroute.engine.OrderBook;
import io.omniroute.engine.Reason;
import io.omniroute.engine.Status;

import java.io.IOException;
import java.util.Map;

/**
 * Writes a {@link Decision} as one SPEC §4 result object, and engine events as JSON objects. Field order is fixed,
 * so output is byte-identical for the same decisions.
 */
public final class ResultJsonEncoder
{
    private static final String[] SHIPMENT_STATES = { "OPEN", "SHIPPED", "CANCELLED" };
    private static final SerializedString SEQ = new SerializedString("seq");
    private static final SerializedString TYPE = new SerializedString("type");
    private static final SerializedString ORDER_ID = new SerializedString("order_id");
    private static final SerializedString STATUS = new SerializedString("status");
    private static final SerializedString REASON = new SerializedString("reason");
    private static final SerializedString TOTAL_COST = new SerializedString("total_cost_cents");
    private static final SerializedString SHIPMENTS = new SerializedString("shipments");
    private static final SerializedString LOCATION_ID = new SerializedString("location_id");
    private static final SerializedString CARRIER = new SerializedString("carrier");
    private static final SerializedString SERVICE = new SerializedString("service");
    private static final SerializedString ZONE = new SerializedString("zone");
    private static final SerializedString TRANSIT_DAYS = new SerializedString("transit_days");
    private static final SerializedString COST = new SerializedString("cost_cents");
    private static final SerializedString LINES = new SerializedString("lines");
    private static final SerializedString SKU = new SerializedString("sku");
    private static final SerializedString QTY = new SerializedString("qty");
    private static final SerializedString[] TYPES = names(CommandType.values());
    private static final SerializedString[] STATUSES = names(Status.values());
    private static final SerializedString[] REASONS = names(Reason.values());
    private static final SerializedString[] SERVICES = names(io.omniroute.engine.Service.values());

    private final Engine engine;
    private final Network network;
    private final SerializedString[] locationIds;
    private final SerializedString[] skus;
    private final SerializedString[] carriers;

    public ResultJsonEncoder(final Engine engine)
    {
        this.engine = engine;
        this.network = engine.network();
        locationIds = new SerializedString[network.locationCount()];
        for (int i = 0; i < locationIds.length; i++)
        {
            locationIds[i] = new SerializedString(network.locationId(i));
        }
        skus = new SerializedString[network.skuCount()];
        for (int i = 0; i < skus.length; i++)
        {
            skus[i] = new SerializedString(network.sku(i));
        }
        carriers = new SerializedString[network.rates().carrierCount()];
        for (int i = 0; i < carriers.length; i++)
        {
            carriers[i] = new SerializedString(network.rates().carrierName(i));
        }
    }

    private static SerializedString[] names(final Enum<?>[] values)
    {
        final SerializedString[] out = new SerializedString[values.length];
        for (int i = 0; i < values.length; i++)
        {
            out[i] = new SerializedString(values[i] instanceof CommandType ? ((CommandType)values[i]).jsonName() :
                values[i].name());
        }
        return out;
    }

    public void encode(final Decision d, final JsonGenerator g) throws IOException
    {
        g.writeStartObject();
        g.writeFieldName(SEQ);
        g.writeNumber(d.seq);
        if (d.type != CommandType.UNKNOWN)
        {
            g.writeFieldName(TYPE);
            g.writeString(TYPES[d.type.ordinal()]);
        }
        else if (d.typeName != null)
        {
            g.writeStringField("type", d.typeName);
        }
        if (d.orderId != null)
        {
            g.writeFieldName(ORDER_ID);
            g.writeString(d.orderId.toString());
        }
        if (d.holdId != null && (d.type == CommandType.HOLD || d.type == CommandType.RELEASE))
        {
            g.writeStringField("hold_id", d.holdId.toString());
        }
        g.writeFieldName(STATUS);
        g.writeString(STATUSES[d.status.ordinal()]);
        if (d.reason != Reason.NONE)
        {
            g.writeFieldName(REASON);
            g.writeString(REASONS[d.reason.ordinal()]);
        }
        if (d.message != null)
        {
            writeMessage(d, g);
        }
        if (d.orderState != null)
        {
            g.writeStringField("order_state", d.orderState.name());
        }
        if (d.status == Status.BACKORDERED || (d.orderState != null && d.backorderedUnits > 0))
        {
            g.writeNumberField("backordered_qty", d.backorderedUnits);
        }
        if (d.expiresTs != Long.MIN_VALUE && d.status == Status.HELD)
        {
            g.writeNumberField("expires_ts", d.expiresTs);
        }
        if (d.status == Status.ALLOCATED || d.status == Status.HELD || d.topShipmentCount > 0)
        {
            g.writeFieldName(TOTAL_COST);
            g.writeNumber(d.totalCostCents);
            g.writeFieldName(SHIPMENTS);
            g.writeStartArray();
            shipments(d, 0, d.topShipmentCount, d.type == CommandType.STATUS, g);
            g.writeEndArray();
        }
        if (d.groupCount > 0)
        {
            groups(d, g);
        }
        if (d.type == CommandType.KPI && d.status == Status.OK)
        {
            kpis(engine.kpis(), g);
        }
        g.writeEndObject();
    }

    private void shipments(final Decision d, final int from, final int to, final boolean withState,
        final JsonGenerator g) throws IOException
    {
        for (int s = from; s < to; s++)
        {
            g.writeStartObject();
            g.writeFieldName(LOCATION_ID);
            g.writeString(locationIds[d.shipLocation[s]]);
            g.writeFieldName(CARRIER);
            g.writeString(carriers[d.shipCarrier[s]]);
            g.writeFieldName(SERVICE);
            g.writeString(SERVICES[d.shipService[s].ordinal()]);
            g.writeFieldName(ZONE);
            g.writeNumber(d.shipZone[s]);
            g.writeFieldName(TRANSIT_DAYS);
            g.writeNumber(d.shipTransitDays[s]);
            g.writeFieldName(COST);
            g.writeNumber(d.shipCostCents[s]);
            if (withState)
            {
                g.writeStringField("status", SHIPMENT_STATES[d.shipState[s]]);
                g.writeNumberField("allocated_seq", d.shipAllocatedSeq[s]);
                if (d.shipState[s] == OrderBook.SHIPMENT_SHIPPED)
                {
                    g.writeNumberField("shipped_seq", d.shipShippedSeq[s]);
                }
            }
            g.writeFieldName(LINES);
            g.writeStartArray();
            final int end = d.shipLineStart[s] + d.shipLineCount[s];
            for (int i = d.shipLineStart[s]; i < end; i++)
            {
                g.writeStartObject();
                g.writeFieldName(SKU);
                g.writeString(skus[d.lineSku[i]]);
                g.writeFieldName(QTY);
                g.writeNumber(d.lineQty[i]);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private void groups(final Decision d, final JsonGenerator g) throws IOException
    {
        final boolean quote = d.groupKind[0] == Decision.GROUP_QUOTE_OPTION;
        g.writeArrayFieldStart(quote ? "options" : "orders");
        for (int k = 0; k < d.groupCount; k++)
        {
            g.writeStartObject();
            if (quote)
            {
                g.writeStringField("service", d.groupService[k].name());
            }
            else
            {
                g.writeStringField("order_id", engine.orders().id(d.groupOrder[k]));
            }
            g.writeStringField("status", d.groupStatus[k].name());
            if (d.groupReason[k] != Reason.NONE)
            {
                g.writeStringField("reason", d.groupReason[k].name());
            }
            if (quote && d.groupStatus[k] == Status.OK)
            {
                g.writeNumberField("cost_cents", d.groupCostCents[k]);
                g.writeNumberField("transit_days", d.groupTransitDays[k]);
                g.writeNumberField("ship_price_cents", d.groupShipPriceCents[k]);
            }
            if (!quote && d.groupBackordered[k] > 0)
            {
                g.writeNumberField("backordered_qty", d.groupBackordered[k]);
            }
            if (d.groupShipCount[k] > 0)
            {
                g.writeArrayFieldStart("shipments");
                shipments(d, d.groupShipStart[k], d.groupShipStart[k] + d.groupShipCount[k], false, g);
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private void kpis(final Kpis k, final JsonGenerator g) throws IOException
    {
        g.writeObjectFieldStart("kpis");
        g.writeNumberField("orders", k.orders);
        g.writeNumberField("orders_allocated", k.ordersAllocated);
        g.writeNumberField("fill_rate", round(k.fillRate()));
        g.writeNumberField("split_rate", round(k.splitRate()));
        g.writeNumberField("avg_cost_cents", round(k.averageCostCents()));
        g.writeNumberField("avg_zone", round(k.averageZone()));
        g.writeNumberField("same_day_share", round(k.sameDayShare()));
        g.writeNumberField("shipments_planned", k.shipmentsPlanned);
        g.writeNumberField("shipments_shipped", k.shipmentsShipped);
        g.writeNumberField("cancels", k.cancels);
        g.writeNumberField("pick_shorts", k.pickShorts);
        g.writeNumberField("backordered_units", k.backorderedUnits);
        g.writeNumberField("quotes", k.quotes);
        g.writeNumberField("holds", k.holds);
        g.writeNumberField("holds_converted", k.holdsConverted);
        g.writeNumberField("holds_expired", k.holdsExpired);
        g.writeNumberField("hold_conversion_rate", round(k.holdConversionRate()));
        g.writeObjectFieldStart("rejects_by_reason");
        for (final Reason r : Reason.values())
        {
            if (k.rejectsByReason[r.ordinal()] > 0)
            {
                g.writeNumberField(r.name(), k.rejectsByReason[r.ordinal()]);
            }
        }
        g.writeEndObject();
        g.writeObjectFieldStart("returns_by_reason");
        for (final Map.Entry<String, long[]> e : k.returnsByReason.entrySet())
        {
            g.writeNumberField(e.getKey(), e.getValue()[0]);
        }
        g.writeEndObject();
        g.writeArrayFieldStart("shipments_by_location");
        for (int l = 0; l < network.locationCount(); l++)
        {
            g.writeStartObject();
            g.writeStringField("location_id", network.locationId(l));
            g.writeNumberField("shipments", k.shipmentsByLocation[l]);
            g.writeNumberField("used_today", engine.capacity().used(l));
            g.writeNumberField("daily_capacity", network.dailyCapacity(l));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static double round(final double v)
    {
        return Math.round(v * 10_000) / 10_000.0;
    }

    /**
     * Writes one event of an engine event log.
     */
    public void encodeEvent(final EngineEvents events, final int i, final JsonGenerator g) throws IOException
    {
        g.writeStartObject();
        g.writeNumberField("seq", events.seq(i));
        if (events.kind(i) == EngineEvents.AVAILABILITY)
        {
            g.writeStringField("type", "availability");
            final String channel = engine.channelName(events.channel(i));
            g.writeStringField("channel", channel);
            final int nc = network.channelIndex(channel);
            g.writeStringField("sku", events.listing(i) < 0 ? network.sku(events.sku(i)) :
                network.channelListing(nc, events.sku(i), events.listing(i)));
            g.writeNumberField("available", events.value(i));
        }
        else
        {
            g.writeStringField("type", "reorder");
            g.writeStringField("sku", network.sku(events.sku(i)));
            g.writeNumberField("network_available", events.value(i));
            g.writeNumberField("reorder_point", events.value2(i));
        }
        g.writeEndObject();
    }

    private char[] messageChars = new char[128];

    private void writeMessage(final Decision d, final JsonGenerator g) throws IOException
    {
        if (d.messageNumber == Decision.NO_NUMBER)
        {
            g.writeStringField("message", d.message);
            return;
        }
        final String prefix = d.message;
        final int length = prefix.length() + 20;
        if (messageChars.length < length)
        {
            messageChars = new char[length];
        }
        prefix.getChars(0, prefix.length(), messageChars, 0);
        int end = prefix.length();
        long v = d.messageNumber;
        if (v < 0)
        {
            messageChars[end++] = '-';
            v = -v;
        }
        final int digitsStart = end;
        do
        {
            messageChars[end++] = (char)('0' + (v % 10));
            v /= 10;
        }
        while (v > 0);
        for (int a = digitsStart, b = end - 1; a < b; a++, b--)
        {
            final char t = messageChars[a];
            messageChars[a] = messageChars[b];
            messageChars[b] = t;
        }
        g.writeFieldName("message");
        g.writeString(messageChars, 0, end);
    }
}
