namespace Tapko.Data;

/// <summary>Bounds on page sizes.</summary>
public static class PageLimits
{
    /// <summary>The page size used when none is given.</summary>
    public const int DefaultPageSize = 50;

    /// <summary>The largest page size accepted.</summary>
    public const int MaxPageSize = 1_000;

    internal static int Require(int pageSize, string paramName) =>
        pageSize is >= 1 and <= MaxPageSize
            ? pageSize
            : throw new ArgumentOutOfRangeException(paramName, pageSize, $"The page size must be between 1 and {MaxPageSize}.");
}
