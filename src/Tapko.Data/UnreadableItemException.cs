namespace Tapko.Data;

/// <summary>
/// The table holds an item under one of this library's keys that this library did not write (an attribute is missing
/// or of another type, or a status is unknown), for example one edited by hand. Nothing was changed.
/// </summary>
public sealed class UnreadableItemException : TapkoException
{
    internal UnreadableItemException(string message)
        : base(message)
    {
    }
}
