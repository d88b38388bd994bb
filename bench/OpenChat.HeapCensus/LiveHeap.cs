using Microsoft.Diagnostics.Runtime;

namespace OpenChat.HeapCensus;

/// <summary>
/// The objects of a heap reachable from its roots, each with the object it was first reached from. A heap walked
/// without marking also counts what the next collection frees, which at a few hundred streams is most of the young
/// generation.
/// </summary>
internal sealed class LiveHeap
{
    private readonly Dictionary<ulong, ulong> _reachedFrom = [];

    private LiveHeap(ClrHeap heap) => Heap = heap;

    public ClrHeap Heap { get; }

    public IEnumerable<ClrObject> Objects => _reachedFrom.Keys.Select(Heap.GetObject).Where(o => o.IsValid && o.Type is not null);

    public static LiveHeap Mark(ClrHeap heap)
    {
        var live = new LiveHeap(heap);
        var pending = new Stack<ulong>();
        foreach (var root in heap.EnumerateRoots())
        {
            if (root.Object.Address != 0 && live._reachedFrom.TryAdd(root.Object.Address, 0))
            {
                pending.Push(root.Object.Address);
            }
        }

        while (pending.TryPop(out var address))
        {
            var current = heap.GetObject(address);
            if (!current.IsValid)
            {
                continue;
            }

            foreach (var reference in current.EnumerateReferenceAddresses(carefully: false, considerDependantHandles: true))
            {
                if (reference != 0 && live._reachedFrom.TryAdd(reference, address))
                {
                    pending.Push(reference);
                }
            }
        }

        return live;
    }

    /// <summary>The types of the objects an object was reached through, nearest first, up to <paramref name="depth"/>.</summary>
    public IEnumerable<string> HoldersOf(ulong address, int depth)
    {
        for (var i = 0; i < depth && _reachedFrom.TryGetValue(address, out var holder) && holder != 0; i++)
        {
            address = holder;
            yield return ShortName(Heap.GetObject(address).Type?.Name);
        }
    }

    private static string ShortName(string? type)
    {
        if (type is null)
        {
            return "?";
        }

        var generic = type.IndexOf('<', StringComparison.Ordinal);
        var plain = generic < 0 ? type : type[..generic];
        return type[(plain.LastIndexOf('.') + 1)..];
    }
}
