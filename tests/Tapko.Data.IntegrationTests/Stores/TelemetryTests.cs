using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace Tapko.Data.IntegrationTests.Stores;

/// <summary>What a host sees in OpenTelemetry and in its logs: spans, capacity counters and log lines.</summary>
public sealed class TelemetryTests(DynamoDbFixture fixture) : StoreTestBase(fixture, "telemetry"), IDisposable
{
    /// <summary>These tests pin the telemetry of single-request moves and read-then-write puts: no counters.</summary>
    protected override void ConfigureStores(TapkoStoreOptions options) => options.StatusCounts = StatusCountsMode.None;

    private const string Secret = "SECRET-CONTENT-do-not-log";
    private readonly ConcurrentQueue<Activity> spans = new();
    private readonly ActivityListener listener = new();

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        listener.ShouldListenTo = source => source.Name == TapkoTelemetry.ActivitySourceName;
        listener.Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded;
        listener.ActivityStopped = activity =>
        {
            // Other test classes use the library in parallel; keep only this table's spans.
            if (activity.GetTagItem("aws.dynamodb.table_names") is string[] tables && tables.Contains(Table))
            {
                spans.Enqueue(activity);
            }
        };
        ActivitySource.AddActivityListener(listener);
    }

    public void Dispose() => listener.Dispose();

    [Fact]
    public async Task A_status_page_emits_one_span_with_the_dynamodb_conventions()
    {
        var project = await NewProjectAsync();
        await SubmitManyAsync(project, 3);
        spans.Clear();

        await Feedback.ListRowsByStatusAsync(project, FeedbackStatus.Open, new FeedbackQuery { PageSize = 2 }, Ct);

        var span = spans.Should().ContainSingle().Subject;
        span.OperationName.Should().Be("feedback.list_rows_by_status");
        span.Kind.Should().Be(ActivityKind.Client);
        span.Source.Name.Should().Be("Tapko.Data");
        span.GetTagItem("db.system.name").Should().Be("aws.dynamodb");
        span.GetTagItem("db.operation.name").Should().Be("Query");
        span.GetTagItem("aws.dynamodb.index_name").Should().Be("GSI1");
        span.GetTagItem("aws.dynamodb.limit").Should().Be(2);
        span.GetTagItem("aws.dynamodb.scan_forward").Should().Be(false);
        span.GetTagItem("aws.dynamodb.count").Should().Be(2);
        var capacity = span.GetTagItem("aws.dynamodb.consumed_capacity").Should().BeOfType<string[]>().Subject;
        capacity.Should().ContainSingle().Which.Should().Contain("\"GSI1\":{\"CapacityUnits\":0.5");
        span.GetTagItem("tapko.read_capacity_units").Should().Be(0.5);
        span.Status.Should().Be(ActivityStatusCode.Unset);
    }

    [Fact]
    public async Task A_refused_call_marks_its_span_as_an_error()
    {
        var project = await NewProjectAsync(collecting: false);
        spans.Clear();

        await FluentActions.Awaiting(() => Feedback.SubmitAsync(project, new NewFeedback(Secret), Ct))
            .Should().ThrowAsync<FeedbackCollectionClosedException>();

        var span = spans.Should().ContainSingle().Subject;
        span.Status.Should().Be(ActivityStatusCode.Error);
        span.GetTagItem("error.type").Should().Be(typeof(FeedbackCollectionClosedException).FullName);
        span.GetTagItem("tapko.outcome").Should().Be(nameof(FeedbackCollectionClosedException));
    }

    [Fact]
    public async Task Capacity_counters_carry_operation_table_index_and_db_system()
    {
        var measurements = new ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var meter = new MeterListener();
        meter.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == TapkoTelemetry.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        meter.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            var map = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                map[tag.Key] = tag.Value;
            }

            if (Equals(map.GetValueOrDefault(TapkoTelemetry.TableTag), Table))
            {
                measurements.Enqueue((instrument.Name, value, map));
            }
        });
        meter.Start();
        var project = await NewProjectAsync();
        var stored = (await SubmitManyAsync(project, 1))[0];
        measurements.Clear();

        await Feedback.UpdateStatusAsync(project, stored.Id, FeedbackStatus.Resolved, cancellationToken: Ct);

        var writes = measurements.Where(m => m.Instrument == TapkoTelemetry.WriteCapacityInstrument).ToList();
        writes.Should().HaveCount(2);
        writes.Should().OnlyContain(m => Equals(m.Tags["tapko.operation"], "feedback.update_status")
            && Equals(m.Tags["db.operation.name"], "UpdateItem") && Equals(m.Tags["db.system.name"], "aws.dynamodb"));
        writes.Single(m => !m.Tags.ContainsKey(TapkoTelemetry.IndexTag)).Value.Should().Be(1);
        writes.Single(m => Equals(m.Tags.GetValueOrDefault(TapkoTelemetry.IndexTag), "GSI1")).Value.Should().Be(2);
        measurements.Should().Contain(m => m.Instrument == TapkoTelemetry.DurationInstrument && Equals(m.Tags["tapko.outcome"], "ok"));
    }

    [Fact]
    public async Task Conflicts_refusals_and_repeats_are_logged_without_feedback_content()
    {
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        // ReadThenWrite, because a transactional repeat inside DynamoDB's idempotency window succeeds silently.
        var feedback = new FeedbackStore(Fixture.Client, Options(o => { o.SubmitMode = SubmitMode.ReadThenWrite; o.StatusCounts = StatusCountsMode.None; }), Clock, factory);
        var project = await NewProjectAsync();
        var submission = new NewFeedback(Secret) { Id = FeedbackId.New(Clock) };
        var stored = await feedback.SubmitAsync(project, submission, Ct);

        await feedback.SubmitAsync(project, submission, Ct);
        await feedback.UpdateStatusAsync(project, stored.Id, FeedbackStatus.InProgress, cancellationToken: Ct);
        await FluentActions.Awaiting(() => feedback.UpdateStatusAsync(project, stored.Id, FeedbackStatus.Resolved, FeedbackStatus.Open, Ct))
            .Should().ThrowAsync<ConcurrencyConflictException>();
        await FluentActions.Awaiting(() => feedback.UpdateStatusAsync(project, FeedbackId.New(Clock), FeedbackStatus.Resolved, cancellationToken: Ct))
            .Should().ThrowAsync<TapkoNotFoundException>();

        logs.Lines.Should().Contain(l => l.EventId.Name == "Conflict" && l.Level == LogLevel.Information
            && l.Text.Contains("feedback.update_status", StringComparison.Ordinal) && l.Text.Contains("in-progress", StringComparison.Ordinal));
        logs.Lines.Should().Contain(l => l.EventId.Name == "Refused" && l.Exception is TapkoNotFoundException);
        logs.Lines.Should().Contain(l => l.EventId.Name == "RepeatedSubmission" && l.Text.Contains(stored.Id.ToString(), StringComparison.Ordinal));
        logs.Lines.Should().NotContain(l => l.Text.Contains(Secret, StringComparison.Ordinal)
            || (l.Exception != null && l.Exception.ToString().Contains(Secret, StringComparison.Ordinal)));
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<(LogLevel Level, EventId EventId, string Text, Exception? Exception)> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Lines.Enqueue((logLevel, eventId, formatter(state, exception), exception));
        }
    }
}
