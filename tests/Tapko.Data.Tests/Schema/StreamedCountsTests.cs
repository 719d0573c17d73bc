using Amazon.DynamoDBv2.Model;

namespace Tapko.Data.Tests;

public sealed class StreamedCountsTests
{
    private static readonly DateTimeOffset Midnight = new(2026, 12, 5, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_count_leaves_out_what_has_expired_from_its_instant_on_though_DynamoDB_has_not_removed_it()
    {
        var claim = new Dictionary<string, AttributeValue>
        {
            ["openCount"] = new() { N = "5" },
            ["resolvedCount"] = new() { N = "7" },
            ["expiring"] = new()
            {
                M = new()
                {
                    [StreamedCounts.ExpiringKey(FeedbackStatus.Resolved, Midnight)] = new() { N = "3" },
                    [StreamedCounts.ExpiringKey(FeedbackStatus.Open, Midnight.AddDays(7))] = new() { N = "2" },
                    ["a-key-a-later-version-wrote"] = new() { N = "100" },
                },
            },
        };

        StreamedCounts.Read(claim, Midnight.AddTicks(-1)).Should().Be(new FeedbackStatusCounts(5, 0, 7));
        StreamedCounts.Read(claim, Midnight).Should().Be(new FeedbackStatusCounts(5, 0, 4));
        StreamedCounts.Read(claim, Midnight.AddDays(7)).Should().Be(new FeedbackStatusCounts(3, 0, 4));
    }

    [Fact]
    public void Expiry_keys_name_the_status_and_the_UTC_date_and_read_back()
    {
        var key = StreamedCounts.ExpiringKey(FeedbackStatus.InProgress, Midnight);
        key.Should().Be("i20261205");
        StreamedCounts.TryParseExpiring(key, out var status, out var instant).Should().BeTrue();
        (status, instant).Should().Be((FeedbackStatus.InProgress, Midnight));
        StreamedCounts.TryParseExpiring("x20261205", out _, out _).Should().BeFalse();
        StreamedCounts.TryParseExpiring("r2026120", out _, out _).Should().BeFalse();
    }

    [Fact]
    public void Stream_positions_are_padded_so_that_string_order_is_numeric_order()
    {
        string.CompareOrdinal(StreamedCounts.Position("999"), StreamedCounts.Position("1000")).Should().BeNegative();
        StreamedCounts.Position("123").Should().HaveLength(StreamedCounts.SequenceWidth);
    }
}
