namespace OpenChat.Tools.BuiltIn.Calculation;

/// <summary>An expression that cannot be evaluated, with the reason in words.</summary>
public sealed class CalculationException(string message) : Exception(message);
