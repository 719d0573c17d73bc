using Amazon.Runtime;

namespace Tapko.Data;

/// <summary>
/// Settings of the change feed's projector, the hosted service (<c>services.AddTapkoProjector()</c>) and the Lambda
/// function (<see cref="TapkoProjectorFunction"/>) alike. Which table it projects, and with which client, come from
/// the registration's <see cref="TapkoStoreOptions"/>.
/// </summary>
public sealed class TapkoProjectorOptions
{
    /// <summary>The configuration section the options are conventionally bound from: <c>Tapko:Projector</c>.</summary>
    public const string SectionName = "Tapko:Projector";

    /// <summary>
    /// How long the hosted service waits between reads of the stream once it has read everything there was. Default 1
    /// second: counts follow writes within about that. The Lambda is invoked by AWS instead.
    /// </summary>
    [DependencyInjection.TimeSpanRange("00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often the projector reports itself in the table (one small write), which count reads check against
    /// <see cref="TapkoStoreOptions.StatusCountsMaxLag"/>. Default 30 seconds.
    /// </summary>
    [DependencyInjection.TimeSpanRange("00:00:01", "00:10:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the hosted service's claim to read the stream lasts unless renewed (it renews on every read). A second
    /// instance on the same table waits, and takes over this long after the first stops. Default 30 seconds.
    /// </summary>
    [DependencyInjection.TimeSpanRange("00:00:01", "00:10:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often an event is handed to a handler that throws before it is kept as a dead letter
    /// (<see cref="FeedbackEventDeadLetters"/>). Default 3.
    /// </summary>
    [DependencyInjection.IntRange(1, 20)]
    public int EventHandlerAttempts { get; set; } = 3;

    /// <summary>The most records the hosted service reads from a shard at once (the Streams API allows 1,000). Default 1,000.</summary>
    [DependencyInjection.IntRange(1, 1_000)]
    public int MaxRecordsPerRead { get; set; } = 1_000;

    /// <summary>
    /// Credentials the hosted service signs its DynamoDB Streams requests with; by default the SDK's credential chain
    /// (environment, profile, container or instance role). The Lambda needs none: AWS hands it the records.
    /// </summary>
    public AWSCredentials? StreamsCredentials { get; set; }

    internal TapkoProjectorOptions Snapshot()
    {
        var result = new DependencyInjection.TapkoProjectorOptionsValidator().Validate(null, this);
        if (result.Failed)
        {
            throw new ArgumentException("Invalid Tapko projector options: " + string.Join(" ", result.Failures ?? []), "options");
        }

        return (TapkoProjectorOptions)MemberwiseClone();
    }
}
