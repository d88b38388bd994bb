using Mono.Cecil;

namespace OpenChat.Api.Tests.Architecture;

/// <summary>
/// Reads which of the Api's folders use which, from the compiled assembly: signatures, attributes and every
/// method body (so a type used only inside a method counts). Nested and compiler-generated types (lambdas,
/// async state machines) count for the folder of the type that declares them.
/// </summary>
internal static class AssemblyDependencies
{
    private const string RootNamespace = "OpenChat.Api";

    public static IReadOnlyList<(string From, string To)> FolderEdges(string assemblyPath)
    {
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        var edges = new HashSet<(string, string)>();
        foreach (var type in module.GetTypes())
        {
            if (FolderOf(type) is not { } from)
            {
                continue;
            }

            foreach (var used in UsedTypes(type))
            {
                if (used.Module == module && FolderOf(used) is { } to && to != from)
                {
                    edges.Add((from, to));
                }
            }
        }

        return [.. edges];
    }

    private static string? FolderOf(TypeReference type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        // Program, from top-level statements, has no namespace: it sits at the root with GatewayApi.
        var ns = type.Namespace;
        if (ns == RootNamespace || (ns.Length == 0 && type.Name == "Program"))
        {
            return ApiLayers.Root;
        }

        return ns.StartsWith(RootNamespace + ".", StringComparison.Ordinal) ? ns[(RootNamespace.Length + 1)..].Split('.')[0] : null;
    }

    private static List<TypeReference> UsedTypes(TypeDefinition type)
    {
        var found = new List<TypeReference>();
        void Add(TypeReference? reference)
        {
            switch (reference)
            {
                case null:
                    return;
                case GenericInstanceType generic:
                    Add(generic.ElementType);
                    foreach (var argument in generic.GenericArguments)
                    {
                        Add(argument);
                    }

                    return;
                case TypeSpecification specification:
                    Add(specification.ElementType);
                    return;
                case GenericParameter:
                    return;
                default:
                    found.Add(reference);
                    return;
            }
        }

        void AddMethod(MethodReference method)
        {
            Add(method.DeclaringType);
            Add(method.ReturnType);
            foreach (var parameter in method.Parameters)
            {
                Add(parameter.ParameterType);
            }

            if (method is GenericInstanceMethod generic)
            {
                foreach (var argument in generic.GenericArguments)
                {
                    Add(argument);
                }
            }
        }

        Add(type.BaseType);
        foreach (var implemented in type.Interfaces)
        {
            Add(implemented.InterfaceType);
        }

        foreach (var attribute in type.CustomAttributes)
        {
            Add(attribute.AttributeType);
        }

        foreach (var field in type.Fields)
        {
            Add(field.FieldType);
        }

        foreach (var property in type.Properties)
        {
            Add(property.PropertyType);
        }

        foreach (var method in type.Methods)
        {
            AddMethod(method);
            if (!method.HasBody)
            {
                continue;
            }

            foreach (var variable in method.Body.Variables)
            {
                Add(variable.VariableType);
            }

            foreach (var instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference operandType:
                        Add(operandType);
                        break;
                    case MethodReference operandMethod:
                        AddMethod(operandMethod);
                        break;
                    case FieldReference operandField:
                        Add(operandField.DeclaringType);
                        Add(operandField.FieldType);
                        break;
                }
            }
        }

        return found;
    }
}
