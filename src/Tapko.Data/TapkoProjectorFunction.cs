using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Tapko.Data;

/// <summary>
/// The change feed's projector as an AWS Lambda function on the table's stream (an event source mapping): the engine for
/// production, where AWS reads every shard in parallel and keeps the checkpoints. It takes the event JSON Lambda
/// delivers for DynamoDB Streams and answers with the partial-batch response (<c>batchItemFailures</c>), so only the
/// records from the first one not applied are delivered again. Serialisation is source-generated: trimmed and Native AOT
/// functions work.
/// </summary>
/// <remarks>
/// <para>
/// Wire it into a function with the Lambda runtime's raw stream handler, for example (Amazon.Lambda.RuntimeSupport):
/// <c>LambdaBootstrapBuilder.Create((Stream e, ILambdaContext c) =&gt; function.HandleAsync(e)).Build().RunAsync()</c>,
/// with the event source mapping's <c>FunctionResponseTypes</c> set to <c>ReportBatchItemFailures</c> (docs/table.md
/// has the function, the mapping and the IAM policy in CloudFormation, Terraform and CDK).
/// </para>
/// <para>
/// An event without records (the one-minute schedule in docs/table.md sends <c>{}</c>) writes a canary item whose stream
/// record, applied by this same function, reports the feed as flowing even while the table is idle; without it, count
/// reads on an idle table refuse after <see cref="TapkoStoreOptions.StatusCountsMaxLag"/>.
/// </para>
/// </remarks>
public sealed class TapkoProjectorFunction
{
    private readonly ProjectorParts parts;

    /// <summary>Creates the function's projector. Prefer <c>services.AddTapkoProjectorFunction()</c> in the function's host.</summary>
    /// <param name="client">The DynamoDB client; not disposed by the projector.</param>
    /// <param name="storeOptions">The stores' options: which table.</param>
    /// <param name="options">The projector's own settings; defaults when <see langword="null"/>.</param>
    /// <param name="handlers">Receivers of feedback events; none by default.</param>
    /// <param name="timeProvider">The clock; the system clock by default.</param>
    /// <param name="loggerFactory">Where failures are logged; nowhere by default.</param>
    public TapkoProjectorFunction(
        IAmazonDynamoDB client,
        TapkoStoreOptions storeOptions,
        TapkoProjectorOptions? options = null,
        IEnumerable<IFeedbackEventHandler>? handlers = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null)
        : this(new ProjectorParts(client, storeOptions, options, handlers, timeProvider, loggerFactory, "lambda"))
    {
    }

    internal TapkoProjectorFunction(ProjectorParts parts) => this.parts = parts;

    /// <summary>The events the registered handlers kept failing on.</summary>
    public FeedbackEventDeadLetters DeadLetters => parts.DeadLetters;

    /// <summary>
    /// Applies one DynamoDB Streams event (the JSON AWS Lambda delivers: <c>{"Records":[...]}</c>) and returns the
    /// partial-batch response as UTF-8 JSON: <c>{"batchItemFailures":[]}</c> when every record was applied, else the
    /// sequence number of the first one that was not, from which Lambda delivers the batch again.
    /// </summary>
    /// <param name="dynamoDbEvent">The event JSON.</param>
    /// <param name="cancellationToken">Cancels the work (before the function's timeout).</param>
    /// <returns>The response JSON, positioned at its start.</returns>
    /// <exception cref="JsonException">The input is not a DynamoDB Streams event.</exception>
    public async Task<Stream> HandleAsync(Stream dynamoDbEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dynamoDbEvent);
        var parsed = await JsonSerializer.DeserializeAsync(dynamoDbEvent, StreamJsonContext.Default.StreamRecordsJson, cancellationToken).ConfigureAwait(false)
            ?? throw new JsonException("The event is not a DynamoDB Streams event.");
        var records = (parsed.Records ?? []).Select(r => r.ToChange()).ToList();
        string? failedSequence = null;
        if (records.Count == 0)
        {
            await parts.Core.TickAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var failed = await parts.Core.ApplyAsync(records, cancellationToken).ConfigureAwait(false);
            failedSequence = failed is { } f ? records[f].SequenceNumber : null;
            var applied = records.Take(failed ?? records.Count).ToList();
            if (applied.Count > 0)
            {
                await parts.Core.ReportAsync(parts.Context.Time.GetUtcNow() - applied[^1].CreatedAt, force: false, cancellationToken).ConfigureAwait(false);
            }
        }

        var response = new MemoryStream();
        var writer = new Utf8JsonWriter(response);
        await using (writer.ConfigureAwait(false))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("batchItemFailures");
            if (failedSequence is not null)
            {
                writer.WriteStartObject();
                writer.WriteString("itemIdentifier", failedSequence);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        response.Position = 0;
        return response;
    }
}
