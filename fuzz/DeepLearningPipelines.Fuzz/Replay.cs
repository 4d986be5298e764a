using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Fuzz;

/// <summary>Runs saved inputs through a target outside afl-fuzz: to reproduce findings and to check a corpus.</summary>
internal static class Replay
{
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(20);

    /// <summary>Returns 0 when every input ends normally or with a library error, 1 on an unexpected exception or a hang.</summary>
    public static int Run(string name, Action<byte[]> target, IEnumerable<string> paths)
    {
        int findings = 0;
        foreach (var file in paths.SelectMany(p => Directory.Exists(p) ? Directory.GetFiles(p).Order(StringComparer.Ordinal) : (IEnumerable<string>)[p]))
        {
            var run = Task.Run(() => target(File.ReadAllBytes(file)));
            if (!((IAsyncResult)run).AsyncWaitHandle.WaitOne(HangLimit))
            {
                Console.WriteLine($"HANG {name} {file}: no result after {HangLimit.TotalSeconds} s");
                return 1;
            }
            if (run.Exception?.InnerException is { } error and not DlpException)
            {
                findings++;
                Console.WriteLine($"FINDING {name} {file}: {error}");
            }
            else Console.WriteLine($"ok {name} {file}{(run.Exception?.InnerException is { } expected ? $" ({expected.GetType().Name}: {expected.Message})" : "")}");
        }
        return findings == 0 ? 0 : 1;
    }
}
