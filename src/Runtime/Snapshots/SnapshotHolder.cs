namespace Serviceloven.Runtime.Snapshots;

/// <summary>Holds the current snapshot; a publication swaps it atomically.</summary>
public sealed class SnapshotHolder
{
    private RulesSnapshot _current = RulesSnapshot.Empty;

    public RulesSnapshot Current => Volatile.Read(ref _current);
    public bool IsLoaded => !ReferenceEquals(Current, RulesSnapshot.Empty);

    public void Swap(RulesSnapshot snapshot) => Volatile.Write(ref _current, snapshot);
}
