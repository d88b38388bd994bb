using OpenChat.Web.Tests.Infrastructure;

// One stack and one browser for the run; tests take turns, as they share the stack's simulator journal and the
// machine's two cores.
[assembly: AssemblyFixture(typeof(ConsoleStack))]
[assembly: AssemblyFixture(typeof(BrowserFixture))]
[assembly: CollectionBehavior(DisableTestParallelization = true)]
