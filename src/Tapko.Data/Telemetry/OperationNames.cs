namespace Tapko.Data.Telemetry;

/// <summary>
/// The store operations as telemetry names them: the span name and the <see cref="TapkoTelemetry.OperationTag"/> of
/// every metric. One constant per public store method; these strings are part of what dashboards query.
/// </summary>
internal static class OperationNames
{
    public const string ProjectCreate = "project.create";
    public const string ProjectGet = "project.get";
    public const string ProjectList = "project.list";
    public const string ProjectSetCollecting = "project.set_collecting";
    public const string ProjectRename = "project.rename";
    public const string ProjectSetRetention = "project.set_retention";
    public const string ProjectDelete = "project.delete";
    public const string FeedbackSubmit = "feedback.submit";
    public const string FeedbackSubmitWidget = "feedback.submit_widget";
    public const string FeedbackGet = "feedback.get";
    public const string FeedbackList = "feedback.list";
    public const string FeedbackListByStatus = "feedback.list_by_status";
    public const string FeedbackListRowsByStatus = "feedback.list_rows_by_status";
    public const string FeedbackUpdateStatus = "feedback.update_status";
    public const string FeedbackDelete = "feedback.delete";
    public const string FeedbackMoveMany = "feedback.move_many";
    public const string FeedbackStatusCounts = "feedback.status_counts";
    public const string ProjectorApply = "projector.apply";
    public const string ProjectorReport = "projector.report";
    public const string ProjectorCheckpoint = "projector.checkpoint";
    public const string DeadLettersList = "projector.dead_letters.list";
    public const string DeadLettersReplay = "projector.dead_letters.replay";
    public const string DeadLettersDiscard = "projector.dead_letters.discard";
}
