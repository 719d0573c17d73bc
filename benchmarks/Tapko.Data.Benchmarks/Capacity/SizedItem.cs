namespace Tapko.Data.Benchmarks.Capacity;

/// <summary>
/// One feedback a read touches: its size as the design stores it, its size as the user's data alone
/// (<see cref="NeutralItem"/>), and whether a status filter keeps it.
/// </summary>
public readonly record struct SizedItem(int Bytes, int NeutralBytes, bool Matches = true);
