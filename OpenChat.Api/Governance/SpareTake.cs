namespace OpenChat.Api.Governance;

/// <summary>
/// What <see cref="SpareStreamSlots.TakeAsync"/> found for a stream: a spare <see cref="Slot"/>, or else how many
/// spares to ask the admission script for, and the key's refill this request is to end when it is the one asking.
/// </summary>
internal readonly record struct SpareTake(string? Slot, int SparesWanted, TaskCompletionSource<bool>? Refill);
