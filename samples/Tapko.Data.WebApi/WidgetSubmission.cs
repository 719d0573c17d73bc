using System.Text.Json;
using Tapko.Data;

namespace Tapko.Data.WebApi;

/// <summary>The body the widget posts, e.g. <c>{"message":"…","payload":{"page":"/pricing"},"id":"01J…"}</c>.</summary>
/// <param name="Message">What the visitor wrote.</param>
/// <param name="Payload">Optional JSON object stored with it (page, browser, rating, …).</param>
/// <param name="Id">Optional id the widget minted (a ULID) so a retried post is stored once.</param>
public sealed record WidgetSubmission(string Message, JsonElement? Payload = null, FeedbackId? Id = null)
{
    /// <summary>The submission as the store takes it.</summary>
    public NewFeedback ToNewFeedback() => new(Message, Payload) { Id = Id };
}
