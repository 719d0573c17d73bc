namespace Tapko.Data.IntegrationTests.ChangeFeed;

/// <summary>Which of the projector's two hosts a test drives.</summary>
public enum ProjectorHost
{
    /// <summary>The hosted service's projector (<see cref="TapkoProjector"/>), reading DynamoDB Local's stream itself.</summary>
    Hosted,

    /// <summary>The Lambda handler (<see cref="TapkoProjectorFunction"/>), fed events built from the same stream's records.</summary>
    Lambda,
}

/// <summary>Keeps every event it is handed, in the order it was handed them.</summary>
internal sealed class RecordingHandler : IFeedbackEventHandler
{
    private readonly Lock gate = new();
    private readonly List<FeedbackEvent> events = [];

    public IReadOnlyList<FeedbackEvent> Events
    {
        get
        {
            lock (gate)
            {
                return [.. events];
            }
        }
    }

    public Task HandleAsync(FeedbackEvent feedbackEvent, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            events.Add(feedbackEvent);
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// A handler whose downstream is down: each event's first <c>failuresPerEvent</c> calls throw (every call while it is
/// <see cref="Broken"/>), the rest are kept. Every call is counted, so a test sees the retries.
/// </summary>
internal class FailingHandler(int failuresPerEvent) : IFeedbackEventHandler
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, int> calls = new(StringComparer.Ordinal);
    private readonly List<FeedbackEvent> handled = [];

    /// <summary>Fails every call until set to <see langword="false"/>: the handler "fixed".</summary>
    public bool Broken { get; set; }

    public IReadOnlyList<FeedbackEvent> Handled
    {
        get
        {
            lock (gate)
            {
                return [.. handled];
            }
        }
    }

    /// <summary>How often <paramref name="eventId"/> was handed to the handler, failed calls included.</summary>
    public int Calls(string eventId)
    {
        lock (gate)
        {
            return calls.GetValueOrDefault(eventId);
        }
    }

    public int TotalCalls
    {
        get
        {
            lock (gate)
            {
                return calls.Values.Sum();
            }
        }
    }

    public Task HandleAsync(FeedbackEvent feedbackEvent, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var call = calls[feedbackEvent.Id] = calls.GetValueOrDefault(feedbackEvent.Id) + 1;
            if (Broken || call <= failuresPerEvent)
            {
                throw new InvalidOperationException($"The webhook is down (call {call} for {feedbackEvent.Id}).");
            }

            handled.Add(feedbackEvent);
        }

        return Task.CompletedTask;
    }
}

/// <summary>Fails every call until <see cref="FailingHandler.Broken"/> is cleared.</summary>
internal sealed class BrokenHandler : FailingHandler
{
    public BrokenHandler()
        : base(0) => Broken = true;
}

/// <summary>A second handler that fails every call, of another type (dead letters name their handler by type).</summary>
internal sealed class OtherBrokenHandler : FailingHandler
{
    public OtherBrokenHandler()
        : base(0) => Broken = true;
}
