namespace Tapko.Data.ChangeFeed;

/// <summary>What one pass over the stream came to.</summary>
internal enum PassResult
{
    /// <summary>Every ready shard had nothing more to read.</summary>
    CaughtUp,

    /// <summary>Records were applied; more may follow at once.</summary>
    MoreToRead,

    /// <summary>A batch could not be applied; it is read again from its checkpoint after a wait.</summary>
    Failed,

    /// <summary>Another instance holds the table's lease.</summary>
    NotLeaseHolder,
}
