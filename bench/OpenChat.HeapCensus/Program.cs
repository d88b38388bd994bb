using Microsoft.Diagnostics.Runtime;
using OpenChat.HeapCensus;

// The live objects of a running .NET process by type, its byte arrays by size, and what holds the largest of
// them: where a relay's memory per stream goes (bench/README.md, eighteenth round). The process is suspended while
// it is read, a few seconds at a few hundred streams.
var top = 40;
if (args.Length is < 1 or > 2 || !int.TryParse(args[0], out var pid) || (args.Length == 2 && !int.TryParse(args[1], out top)))
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/OpenChat.HeapCensus -- <pid> [types to list, 40]");
    return 2;
}

using var target = DataTarget.AttachToProcess(pid, suspend: true);
var clr = target.ClrVersions[0];
// ClrMD 4 fetches no DAC for Linux and reads no version from the runtime's ELF image (it expects 0.0); the DAC
// installed beside the target's runtime is the one built with it.
var dac = Path.Combine(Path.GetDirectoryName(clr.ModuleInfo.FileName)!, "libmscordaccore.so");
using var runtime = clr.CreateRuntime(dac, ignoreMismatch: true);
var live = LiveHeap.Mark(runtime.Heap);
var objects = live.Objects.Select(o => (o.Address, Type: o.Type!.Name ?? "?", Size: (long)o.Size)).ToList();

Console.WriteLine($"live objects {objects.Count:N0}, {objects.Sum(o => o.Size):N0} bytes");
Console.WriteLine();
Console.WriteLine("| bytes | objects | type |");
Console.WriteLine("|---:|---:|---|");
foreach (var type in objects.GroupBy(o => o.Type).OrderByDescending(g => g.Sum(o => o.Size)).Take(top))
{
    Console.WriteLine($"| {type.Sum(o => o.Size):N0} | {type.Count():N0} | `{type.Key}` |");
}

var byteArrays = objects.Where(o => o.Type == "System.Byte[]").ToList();
var largest = byteArrays.GroupBy(o => o.Size).OrderByDescending(g => g.Key * g.Count()).Take(6).ToList();
Console.WriteLine();
Console.WriteLine("| byte array size | arrays | bytes | held by (nearest first) |");
Console.WriteLine("|---:|---:|---:|---|");
foreach (var size in largest)
{
    foreach (var holders in size.GroupBy(o => HeldBy(live, o.Address)).OrderByDescending(g => g.Count()).Take(4))
    {
        Console.WriteLine($"| {size.Key:N0} | {holders.Count():N0} | {size.Key * holders.Count():N0} | {holders.Key} |");
    }
}

return 0;

static string HeldBy(LiveHeap live, ulong address) => string.Join(" ← ", live.HoldersOf(address, depth: 4)) is { Length: > 0 } holders ? holders : "a root";
