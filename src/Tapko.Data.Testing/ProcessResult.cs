namespace Tapko.Data.Testing;

/// <summary>How a helper process ended; <see cref="ExitCode"/> is <see langword="null"/> when it timed out and was killed.</summary>
internal sealed record ProcessResult(int? ExitCode, RecentLines Output);
