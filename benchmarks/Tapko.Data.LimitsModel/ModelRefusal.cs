namespace Tapko.Data.LimitsModel;

/// <summary>Why the model answered a request itself instead of forwarding it.</summary>
public enum ModelRefusal
{
    /// <summary>A partition key's bucket did not hold the request's units.</summary>
    Throttled,

    /// <summary>A transaction touched an item another transaction in flight holds.</summary>
    TransactionConflict,

    /// <summary>A single-item write touched an item a transaction in flight holds.</summary>
    WriteConflict,
}
