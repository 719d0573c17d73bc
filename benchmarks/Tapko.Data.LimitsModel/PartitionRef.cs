namespace Tapko.Data.LimitsModel;

/// <summary>One partition key value of a table, or of one of its indexes: what a token bucket is kept for.</summary>
/// <param name="Table">The table name.</param>
/// <param name="Index">The global secondary index, or <see langword="null"/> for the table itself.</param>
/// <param name="Value">The partition key's value, e.g. <c>PROJECT#01J...</c>.</param>
public readonly record struct PartitionRef(string Table, string? Index, string Value)
{
    /// <inheritdoc />
    public override string ToString() => Index is null ? $"{Table}:{Value}" : $"{Table}/{Index}:{Value}";
}
