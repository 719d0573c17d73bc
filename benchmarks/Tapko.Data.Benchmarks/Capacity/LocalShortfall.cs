namespace Tapko.Data.Benchmarks.Capacity;

/// <summary>
/// The most DynamoDB Local may bill below DynamoDB's documented rules for one call, per component, because of a defect
/// measured and described in <see cref="LocalDefects"/>. The verifier accepts a lower bill only within it, so every
/// other disagreement still fails the run.
/// </summary>
public readonly record struct LocalShortfall(double TableRead, double TableWrite, double IndexWrite)
{
    public bool IsZero => TableRead == 0 && TableWrite == 0 && IndexWrite == 0;

    public static LocalShortfall operator +(LocalShortfall a, LocalShortfall b) =>
        new(a.TableRead + b.TableRead, a.TableWrite + b.TableWrite, a.IndexWrite + b.IndexWrite);

    public LocalShortfall PerCall(int count) => new(TableRead / count, TableWrite / count, IndexWrite / count);
}
