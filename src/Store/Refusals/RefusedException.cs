namespace Serviceloven.Store.Refusals;

/// <summary>
/// A request refused for a reason its user can act on: invalid input, something that does not exist (any more), a
/// step not allowed in the current state. The message is Danish and is shown as it is; the admin's pages catch this
/// type, so any other exception stays what it is, a bug.
/// </summary>
public class RefusedException(string message, Exception? inner = null) : Exception(message, inner);
