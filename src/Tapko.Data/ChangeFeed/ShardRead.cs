namespace Tapko.Data.ChangeFeed;

/// <summary>What one pass found, over every shard it read.</summary>
internal sealed class ShardRead
{
    /// <summary>A batch held changes of feedback (or the canary), which were applied.</summary>
    public bool Progressed { get; set; }

    /// <summary>A shard had more to read than one pass reads.</summary>
    public bool More { get; set; }

    /// <summary>A batch could not be applied.</summary>
    public bool Failed { get; set; }

    /// <summary>When the newest record read past was made.</summary>
    public DateTimeOffset? Newest { get; set; }
}
