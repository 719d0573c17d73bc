namespace Tapko.Data.ColdStart;

/// <summary>One start of an app: time to its "SUBMITTED" line and to its exit, both from just before the process start.</summary>
internal sealed record RunResult(TimeSpan ToFirstSubmit, TimeSpan ToExit, int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0 && ToFirstSubmit > TimeSpan.Zero;
}
