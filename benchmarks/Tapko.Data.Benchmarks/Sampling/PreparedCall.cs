using Tapko.Data.Benchmarks.Capacity;

namespace Tapko.Data.Benchmarks.Sampling;

/// <summary>One call ready to be measured: what it should cost, the project it reads (rank and size, or -1 and 0), and the call.</summary>
public readonly record struct PreparedCall(Units Expected, int ProjectRank, int ProjectItems, Func<Task> Call);
