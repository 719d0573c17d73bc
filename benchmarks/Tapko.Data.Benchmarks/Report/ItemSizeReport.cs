using System.Globalization;
using System.Text;
using Tapko.Data.Benchmarks.Data;
using Tapko.Data.Benchmarks.Designs;

namespace Tapko.Data.Benchmarks.Report;

/// <summary>The item sizes the run used, per dataset and design, by DynamoDB's size rules: the inputs of every capacity figure.</summary>
public static class ItemSizeReport
{
    public static string Write(IEnumerable<Dataset> datasets, string artifactsPath)
    {
        var text = new StringBuilder();
        text.AppendLine("| items | design | feedback item bytes: min | p50 | mean | p95 | max | feedback table MB | project item bytes |");
        text.AppendLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var dataset in datasets.OrderBy(d => d.Items))
        {
            foreach (var kind in Enum.GetValues<DesignKind>())
            {
                var sizes = dataset.AllFeedbackBytes(kind).Order().ToArray();
                var project = dataset.ProjectBytes(kind, dataset.Projects[0]);
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {dataset.Items:N0} | {kind} | {sizes[0]:N0} | {sizes[sizes.Length / 2]:N0} | {sizes.Average():N0} | {sizes[(int)(sizes.Length * 0.95)]:N0} | {sizes[^1]:N0} | {dataset.FeedbackTableBytes(kind) / 1_048_576.0:N1} | {project} |");
            }
        }

        Directory.CreateDirectory(artifactsPath);
        File.WriteAllText(Path.Combine(artifactsPath, "item-sizes.md"), text.ToString());
        return text.ToString();
    }
}
