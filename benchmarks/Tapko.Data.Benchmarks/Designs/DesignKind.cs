namespace Tapko.Data.Benchmarks.Designs;

/// <summary>The storage designs compared on the same data in the same run.</summary>
public enum DesignKind
{
    /// <summary>The library: one table, feedback partitioned by project, the sparse status index GSI1.</summary>
    Tapko,

    /// <summary>The design the single table replaced: Projects and Feedbacks tables, feedback keyed by id, reads by Scan.</summary>
    MultiTableScan,

    /// <summary>The same two tables with a (projectId, createdAt) index on Feedbacks: what a careful team would add first.</summary>
    MultiTableGsi,
}
