using Amazon.DynamoDBv2.Model;
using Tapko.Data.Benchmarks.Data;

namespace Tapko.Data.Benchmarks.Designs;

/// <summary>
/// One storage design: the eight benchmarked access patterns as that design serves them, and its item format, which
/// the harness needs to seed, to restore what a write benchmark changed, and to compute what each call should cost.
/// </summary>
public interface IDesign
{
    DesignKind Kind { get; }

    /// <summary>Every table the design uses; capacity on other tables is not this design's.</summary>
    IReadOnlyList<string> Tables { get; }

    string ProjectTable { get; }

    string FeedbackTable { get; }

    /// <summary>The index the design queries feedback through, if any.</summary>
    string? FeedbackIndex { get; }

    Task CreateTablesAsync();

    Dictionary<string, AttributeValue> ProjectItem(GeneratedProject project, bool collecting);

    Dictionary<string, AttributeValue> FeedbackItem(GeneratedFeedback feedback);

    /// <summary>Items the design stores with a project besides the project item (the library's claim on the id).</summary>
    IEnumerable<Dictionary<string, AttributeValue>> CompanionItems(GeneratedProject project) => [];

    /// <summary>
    /// <paramref name="item"/> with the bookkeeping attributes the design's own writes add to it, so a computed
    /// cost weighs the item the write really leaves behind.
    /// </summary>
    Dictionary<string, AttributeValue> AsWritten(Dictionary<string, AttributeValue> item);

    Dictionary<string, AttributeValue> ProjectKey(ProjectKey project);

    Dictionary<string, AttributeValue> FeedbackKey(ProjectKey project, FeedbackId id);

    Task CreateProjectAsync(GeneratedProject project);

    Task SetCollectingAsync(ProjectKey project, bool collecting);

    Task SubmitAsync(GeneratedFeedback feedback);

    Task<Feedback?> GetAsync(ProjectKey project, FeedbackId id);

    Task<IReadOnlyList<Feedback>> ListAsync(ProjectKey project, int pageSize);

    Task<IReadOnlyList<Feedback>> ListByStatusAsync(ProjectKey project, FeedbackStatus status, int pageSize);

    Task UpdateStatusAsync(ProjectKey project, FeedbackId id, FeedbackStatus status);

    Task DeleteProjectAsync(ProjectKey project);
}
