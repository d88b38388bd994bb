namespace OpenChat.Tools.BuiltIn.Calculation;

/// <summary>An expression that cannot be evaluated, with the reason and, where there is one, the position.</summary>
internal sealed class CalculationException(string message) : Exception(message);
