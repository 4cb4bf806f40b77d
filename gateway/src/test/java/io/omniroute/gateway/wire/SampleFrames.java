package io.omniroute.gateway.wire;

import io.omniroute.gateway.wire.sbe.*;
import org.agrona.ExpandableArrayBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * One valid frame (length prefix included) of every message of the schema, with every group and text field used.
 */
public final class SampleFrames
{
    private SampleFrames()
    {
    }

    public static List<byte[]> all()
    {
        final List<byte[]> frames = new ArrayList<>();
        final MessageHeaderEncoder h = new MessageHeaderEncoder();
        add(frames, b -> new LogonEncoder().wrapAndApplyHeader(b, 4, h).correlationId(1).heartbeatIntervalMs(1000)
            .clientId("web").secret("s3cret").encodedLength());
        add(frames, b ->
        {
            final LogonAckEncoder e = new LogonAckEncoder().wrapAndApplyHeader(b, 4, h).correlationId(1).sessionId(2)
                .heartbeatIntervalMs(5).lastSeq(3).maxFrameLength(65536);
            e.roles().order(true).read(true);
            return e.encodedLength();
        });
        add(frames, b -> new HeartbeatEncoder().wrapAndApplyHeader(b, 4, h).timestampMs(5).encodedLength());
        add(frames, b ->
        {
            final SubscribeEncoder e = new SubscribeEncoder().wrapAndApplyHeader(b, 4, h).correlationId(4);
            e.feeds().availability(true).reorder(true);
            return e.channel("web").encodedLength();
        });
        add(frames, b -> new SubscribeAckEncoder().wrapAndApplyHeader(b, 4, h).correlationId(4).lastSeq(9)
            .encodedLength());
        add(frames, b -> new ErrorEncoder().wrapAndApplyHeader(b, 4, h).correlationId(4).code(ErrorCode.THROTTLED)
            .closing(BooleanType.FALSE).message("slow down").encodedLength());
        add(frames, b ->
        {
            final OrderEncoder e = new OrderEncoder().wrapAndApplyHeader(b, 4, h).correlationId(10).ts(1000)
                .service(ServiceCode.EXPEDITED).shipComplete(BooleanType.TRUE).maxTransitDays(3).lat(Double.NaN)
                .lon(Double.NaN);
            final OrderEncoder.LinesEncoder l = e.linesCount(2);
            l.next().qty(1).unitPriceCents(999).sku("SKU-0");
            l.next().qty(2).unitPriceCents(OrderEncoder.LinesEncoder.unitPriceCentsNullValue()).sku("SKU-1");
            return e.orderId("o-1").channel("web").zip("55101").holdId("").encodedLength();
        });
        add(frames, b -> new CancelEncoder().wrapAndApplyHeader(b, 4, h).correlationId(11).ts(0).orderId("o-1")
            .encodedLength());
        add(frames, b -> new ShipEncoder().wrapAndApplyHeader(b, 4, h).correlationId(12).ts(0).orderId("o-1")
            .locationId("L01-DC").encodedLength());
        add(frames, b -> new PickShortEncoder().wrapAndApplyHeader(b, 4, h).correlationId(13).ts(0).qty(1)
            .orderId("o-1").locationId("L01-DC").sku("SKU-0").encodedLength());
        add(frames, b -> new ReturnEncoder().wrapAndApplyHeader(b, 4, h).correlationId(14).ts(0).qty(1)
            .resellable(BooleanType.TRUE).orderId("o-1").locationId("L02-ST").sku("SKU-0").reason("DAMAGED")
            .encodedLength());
        add(frames, b -> new StockEncoder().wrapAndApplyHeader(b, 4, h).correlationId(15).ts(0).onHand(5)
            .safetyStock(1).sku("SKU-0").locationId("L01-DC").encodedLength());
        add(frames, b -> new ReceiveEncoder().wrapAndApplyHeader(b, 4, h).correlationId(16).ts(0).qty(5)
            .sku("SKU-0").locationId("L01-DC").encodedLength());
        add(frames, b -> new NewDayEncoder().wrapAndApplyHeader(b, 4, h).correlationId(17).ts(0).encodedLength());
        add(frames, b ->
        {
            final QuoteEncoder e = new QuoteEncoder().wrapAndApplyHeader(b, 4, h).correlationId(18).ts(0);
            e.services().standard(true).sameDay(true);
            e.maxTransitDays(QuoteEncoder.maxTransitDaysNullValue()).lat(40.7).lon(-74.0);
            e.linesCount(1).next().qty(1).unitPriceCents(2500).sku("SKU-3");
            return e.channel("web").zip("").encodedLength();
        });
        add(frames, b ->
        {
            final HoldEncoder e = new HoldEncoder().wrapAndApplyHeader(b, 4, h).correlationId(19).ts(0)
                .service(ServiceCode.STANDARD).shipComplete(BooleanType.FALSE).maxTransitDays(5).holdSeconds(600)
                .lat(Double.NaN).lon(Double.NaN);
            e.linesCount(1).next().qty(1).unitPriceCents(100).sku("SKU-2");
            return e.holdId("h-1").channel("app").zip("55101").customerId("c-1").encodedLength();
        });
        add(frames, b -> new ReleaseEncoder().wrapAndApplyHeader(b, 4, h).correlationId(20).ts(0).holdId("h-1")
            .encodedLength());
        add(frames, b -> new StatusEncoder().wrapAndApplyHeader(b, 4, h).correlationId(21).ts(0).orderId("o-1")
            .encodedLength());
        add(frames, b -> new KpiEncoder().wrapAndApplyHeader(b, 4, h).correlationId(22).ts(0).encodedLength());
        add(frames, b -> new SnapshotEncoder().wrapAndApplyHeader(b, 4, h).correlationId(23).ts(0).encodedLength());
        add(frames, b -> new JsonCommandEncoder().wrapAndApplyHeader(b, 4, h).correlationId(24).ts(0)
            .json("{\"type\":\"kpi\"}").encodedLength());
        add(frames, b -> new ResultEncoder().wrapAndApplyHeader(b, 4, h).correlationId(25).seq(1)
            .command(CommandKind.ORDER).status(ResultStatus.ALLOCATED).reason(RejectReason.NONE).totalCostCents(100)
            .shipmentCount(1).json("{\"seq\":1}").encodedLength());
        add(frames, b -> new AvailabilityEncoder().wrapAndApplyHeader(b, 4, h).seq(1).available(5).channel("web")
            .sku("SKU-0").encodedLength());
        add(frames, b -> new ReorderEncoder().wrapAndApplyHeader(b, 4, h).seq(1).networkAvailable(2).reorderPoint(9)
            .sku("SKU-0").encodedLength());
        return frames;
    }

    private static void add(final List<byte[]> frames, final ToIntFunction<ExpandableArrayBuffer> encode)
    {
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(512);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + encode.applyAsInt(b);
        Framing.writeLength(b, 0, length);
        final byte[] frame = new byte[4 + length];
        b.getBytes(0, frame);
        frames.add(frame);
    }
}
