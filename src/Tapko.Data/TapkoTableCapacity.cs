namespace Tapko.Data;

/// <summary>Provisioned throughput for the table and its status index. Leave it out for on-demand billing.</summary>
/// <param name="ReadCapacityUnits">Table read units per second.</param>
/// <param name="WriteCapacityUnits">Table write units per second.</param>
/// <param name="StatusIndexReadCapacityUnits">GSI1 read units per second.</param>
/// <param name="StatusIndexWriteCapacityUnits">GSI1 write units per second; every status change costs the index two writes.</param>
public sealed record TapkoTableCapacity(
    long ReadCapacityUnits,
    long WriteCapacityUnits,
    long StatusIndexReadCapacityUnits,
    long StatusIndexWriteCapacityUnits);
