using System.Text.Json;
using System.Text.Json.Serialization;
using static Tapko.Data.Tests.Json.JsonFixtures;

namespace Tapko.Data.Tests.Json;

/// <summary>The JSON an API client sees for the library's types, with the web defaults and with a generated context.</summary>
public sealed class ModelJsonTests
{
    [Fact]
    public void Feedback_is_written_with_string_ids_and_the_wire_status()
    {
        JsonSerializer.Serialize(Feedback(), Web).Should().Be(FeedbackJson);
    }

    [Fact]
    public void The_guide_shows_the_feedback_json_that_is_written()
    {
        File.ReadAllText(Path.Combine(TableDefinitionDocTests.RepoRoot(), "docs", "guide.md")).Should().Contain(FeedbackJson);
    }

    [Fact]
    public void Project_is_written_with_string_ids()
    {
        JsonSerializer.Serialize(Project(), Web).Should().Be(ProjectJson);
    }

    [Fact]
    public void Project_json_from_before_sharding_and_retention_reads_as_one_shard_kept_forever()
    {
        var before = ProjectJson.Replace(",\"feedbackShards\":1,\"retention\":{\"resolvedRetentionDays\":null,\"maxAgeDays\":null}", string.Empty, StringComparison.Ordinal);

        JsonSerializer.Deserialize(before, TestJsonContext.Default.Project)!.FeedbackShards.Should().Be(1);
        JsonSerializer.Deserialize(before, TestJsonContext.Default.Project)!.Retention.Should().Be(FeedbackRetention.KeepForever);
        JsonSerializer.Deserialize<Project>(before, Web)!.Should().Be(Project());
    }

    [Fact]
    public void A_page_is_written_with_its_items_and_token()
    {
        var page = new Page<Feedback>([Feedback()], "AbC-_9");

        JsonSerializer.Serialize(page, Web).Should().Be(
            $$"""{"items":[{{FeedbackJson}}],"continuationToken":"AbC-_9","hasMore":true}""");
    }

    [Fact]
    public void A_generated_context_writes_exactly_what_the_reflection_serializer_writes()
    {
        JsonSerializer.Serialize(Feedback(), TestJsonContext.Default.Feedback).Should().Be(FeedbackJson);
        JsonSerializer.Serialize(Project(), TestJsonContext.Default.Project).Should().Be(ProjectJson);
        JsonSerializer.Serialize(new Page<Feedback>([], null), TestJsonContext.Default.PageFeedback)
            .Should().Be("""{"items":[],"continuationToken":null,"hasMore":false}""");
    }

    [Fact]
    public void Feedback_reads_back_into_values_the_stores_accept()
    {
        foreach (var read in new[]
        {
            JsonSerializer.Deserialize<Feedback>(FeedbackJson, Web)!,
            JsonSerializer.Deserialize(FeedbackJson, TestJsonContext.Default.Feedback)!,
        })
        {
            JsonSemantics.SameFeedback(read, Feedback()).Should().BeTrue();
            // What every store call checks first: real ids, not default ones.
            FluentActions.Invoking(() => read.Project.Require("project")).Should().NotThrow();
            read.Id.HasValue.Should().BeTrue();
        }
    }

    [Fact]
    public void Project_and_page_read_back_equal()
    {
        JsonSerializer.Deserialize<Project>(ProjectJson, Web).Should().Be(Project());
        JsonSerializer.Deserialize(ProjectJson, TestJsonContext.Default.Project).Should().Be(Project());

        var page = JsonSerializer.Deserialize(
            $$"""{"items":[{{FeedbackJson}}],"continuationToken":"AbC-_9","hasMore":true}""", TestJsonContext.Default.PageFeedback)!;
        page.ContinuationToken.Should().Be("AbC-_9");
        page.Items.Should().ContainSingle().Which.Id.Should().Be(Feedback().Id);
    }

    [Fact]
    public void The_default_options_keep_pascal_case_names_but_the_same_values()
    {
        var json = JsonSerializer.Serialize(Feedback());

        json.Should().StartWith("""{"Project":{"Owner":"user-1","ProjectId":"01JDQ3S8ZK4M7V2P9X6R5T0W1Y"},"Id":"01JDQ3S8ZK0000000000000000",""");
        json.Should().Contain("\"Status\":\"in-progress\"");
        JsonSemantics.SameFeedback(JsonSerializer.Deserialize<Feedback>(json)!, Feedback()).Should().BeTrue();
    }

    [Fact]
    public void A_host_wide_string_enum_converter_still_writes_wire_names()
    {
        // Options converters win over the type's attribute; the enum's member names keep the wire form (.NET 9+).
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

        JsonSerializer.Serialize(FeedbackStatus.InProgress, options).Should().Be("\"in-progress\"");
        JsonSerializer.Deserialize<FeedbackStatus>("\"in-progress\"", options).Should().Be(FeedbackStatus.InProgress);
    }

    [Fact]
    public void Statuses_and_ids_work_as_dictionary_keys()
    {
        var counts = new Dictionary<FeedbackStatus, int> { [FeedbackStatus.Open] = 2, [FeedbackStatus.InProgress] = 1 };
        var json = JsonSerializer.Serialize(counts, TestJsonContext.Default.DictionaryFeedbackStatusInt32);

        json.Should().Be("""{"open":2,"in-progress":1}""");
        JsonSerializer.Deserialize(json, TestJsonContext.Default.DictionaryFeedbackStatusInt32).Should().Equal(counts);

        var byProject = new Dictionary<ProjectId, string> { [Key.ProjectId] = "x" };
        JsonSerializer.Deserialize<Dictionary<ProjectId, string>>(JsonSerializer.Serialize(byProject, Web), Web)
            .Should().ContainKey(Key.ProjectId);
    }
}
