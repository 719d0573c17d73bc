using Microsoft.Extensions.Logging;

namespace Tapko.Data.ChangeFeed;

/// <summary>
/// What both projector hosts are made of, built once per registration: the batch applier, the event dispatcher and the
/// dead letters, over the registration's <see cref="TapkoContext"/>.
/// </summary>
internal sealed class ProjectorParts
{
    public ProjectorParts(TapkoContext context, TapkoProjectorOptions options, IEnumerable<IFeedbackEventHandler>? handlers, string host)
    {
        Context = context;
        Options = options.Snapshot();
        var list = (handlers ?? []).ToList();
        var store = new DeadLetterStore(context);
        var dispatcher = new EventDispatcher(context, list, Options.EventHandlerAttempts, store);
        Core = new ProjectorCore(context, new CountsApplier(context), dispatcher, host, Options.HeartbeatInterval);
        DeadLetters = new FeedbackEventDeadLetters(context, store, dispatcher, list);
    }

    public ProjectorParts(IAmazonDynamoDB client, TapkoStoreOptions storeOptions, TapkoProjectorOptions? options,
        IEnumerable<IFeedbackEventHandler>? handlers, TimeProvider? timeProvider, ILoggerFactory? loggerFactory, string host)
        : this(new TapkoContext(client, storeOptions, timeProvider, loggerFactory), options ?? new TapkoProjectorOptions(), handlers, host)
    {
    }

    public TapkoContext Context { get; }

    public TapkoProjectorOptions Options { get; }

    public ProjectorCore Core { get; }

    public FeedbackEventDeadLetters DeadLetters { get; }
}
