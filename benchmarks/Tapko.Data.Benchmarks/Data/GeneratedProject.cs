namespace Tapko.Data.Benchmarks.Data;

/// <summary>A project of the generated dataset, independent of how a design stores it.</summary>
public sealed record GeneratedProject(ProjectKey Key, string Name, DateTimeOffset CreatedAt, int Rank);
