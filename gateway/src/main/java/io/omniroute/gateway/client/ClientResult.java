package io.omniroute.gateway.client;

import io.omniroute.gateway.wire.sbe.CommandKind;
import io.omniroute.gateway.wire.sbe.ErrorCode;
import io.omniroute.gateway.wire.sbe.RejectReason;
import io.omniroute.gateway.wire.sbe.ResultStatus;

/**
 * The answer to one request: the engine's result (sequence, status, reason, total cost and the canonical JSON line
 * that {@code simulate} would write), or the gateway's refusal ({@link #error()} set: not authorized, throttled
 * too long, ...), in which case nothing was applied.
 */
public final class ClientResult
{
    private final long correlationId;
    private final long seq;
    private final CommandKind command;
    private final ResultStatus status;
    private final RejectReason reason;
    private final long totalCostCents;
    private final String json;
    private final ErrorCode error;
    private final String errorMessage;

    ClientResult(final long correlationId, final long seq, final CommandKind command, final ResultStatus status,
        final RejectReason reason, final long totalCostCents, final String json)
    {
        this.correlationId = correlationId;
        this.seq = seq;
        this.command = command;
        this.status = status;
        this.reason = reason;
        this.totalCostCents = totalCostCents;
        this.json = json;
        this.error = null;
        this.errorMessage = null;
    }

    ClientResult(final long correlationId, final ErrorCode error, final String errorMessage)
    {
        this.correlationId = correlationId;
        this.seq = 0;
        this.command = null;
        this.status = null;
        this.reason = null;
        this.totalCostCents = 0;
        this.json = null;
        this.error = error;
        this.errorMessage = errorMessage;
    }

    public long correlationId()
    {
        return correlationId;
    }

    /** The engine's sequence number (0 for a gateway error). */
    public long seq()
    {
        return seq;
    }

    public CommandKind command()
    {
        return command;
    }

    public ResultStatus status()
    {
        return status;
    }

    public RejectReason reason()
    {
        return reason;
    }

    public long totalCostCents()
    {
        return totalCostCents;
    }

    /** The canonical result line (no newline), as {@code simulate} writes it; null for a gateway error. */
    public String json()
    {
        return json;
    }

    public boolean isError()
    {
        return error != null;
    }

    /** Why the gateway refused the request, or null. */
    public ErrorCode error()
    {
        return error;
    }

    public String errorMessage()
    {
        return errorMessage;
    }

    @Override
    public String toString()
    {
        return error != null ? "error " + error + ": " + errorMessage : json;
    }
}
