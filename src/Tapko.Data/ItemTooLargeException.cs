namespace Tapko.Data;

/// <summary>
/// The item would exceed DynamoDB's 400 KB item limit; it was refused before any request was sent. Hosts typically map
/// it to HTTP 413.
/// </summary>
public sealed class ItemTooLargeException : TapkoException
{
    internal ItemTooLargeException(int sizeInBytes, int limitInBytes)
        : base($"The item would be {sizeInBytes:N0} bytes, over DynamoDB's limit of {limitInBytes:N0} bytes; shorten the message or the payload.")
    {
        SizeInBytes = sizeInBytes;
        LimitInBytes = limitInBytes;
    }

    /// <summary>The computed size of the item, by DynamoDB's rules.</summary>
    public int SizeInBytes { get; }

    /// <summary>The limit it exceeded.</summary>
    public int LimitInBytes { get; }
}
