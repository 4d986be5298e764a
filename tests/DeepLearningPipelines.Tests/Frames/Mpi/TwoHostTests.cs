using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using DeepLearningPipelines.Tests.Support;
using Xunit.Abstractions;

namespace DeepLearningPipelines.Tests.Frames.Mpi;

/// <summary>
/// Runs the self-test program on 2 ranks placed on two "hosts" of this machine by scripts/mpi-two-hosts.sh: two
/// network namespaces on a bridge, each with its own address and host name, started by mpirun through an
/// <c>ip netns exec</c> agent instead of ssh, with TCP as the only transport between ranks: the collectives, and the
/// DataFrame checks (exchanges, actions, a resumable Parquet write, fits) with one process's answers.
/// </summary>
public sealed partial class TwoHostTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    [TwoHostFact]
    public void BothRanksPassTheCollectiveChecksOnDifferentHosts()
    {
        var program = Path.Combine(AppContext.BaseDirectory, "DeepLearningPipelines.MpiSelfTest.dll");
        Assert.True(File.Exists(program), $"The self-test program is missing at {program}.");
        var (exitCode, stdout, stderr) = TwoHosts.Run("dotnet", program, "1000000");
        output.WriteLine(stdout);
        output.WriteLine(stderr);

        Assert.True(exitCode == 0, $"mpi-two-hosts.sh exited with {exitCode}:\n{stdout}\n{stderr}");
        var setup = Setup().Match(stderr);
        Assert.True(setup.Success, $"The runner did not say which namespaces it made:\n{stderr}");
        var ranks = RankLine().Matches(stdout).Select(m => (Rank: int.Parse(m.Groups[1].Value), Size: int.Parse(m.Groups[2].Value), Host: m.Groups[3].Value)).ToArray();
        Assert.Equal([0, 1], ranks.Select(r => r.Rank).Order());
        Assert.All(ranks, r => Assert.Equal(2, r.Size));
        // Each rank runs in its own namespace, whose host name is the namespace's name.
        Assert.Equal([setup.Groups[1].Value, setup.Groups[2].Value], ranks.Select(r => r.Host).Order(StringComparer.Ordinal));
    }

    [TwoHostFact]
    public void DataFrameActionsAndWritesGiveTheSingleProcessAnswersAcrossHosts()
    {
        var local = FrameCheckResults.Parse(Mpirun.Dotnet(0, Limit, Mpirun.SelfTest, "frames", "local[2]", TestPaths.NewTempDir()));
        var run = TwoHosts.Run("dotnet", Mpirun.SelfTest, "frames", "mpi", TestPaths.NewTempDir());
        output.WriteLine(run.Stdout);
        output.WriteLine(run.Stderr);
        FrameCheckResults.AssertSameAsOneProcess(local[0], FrameCheckResults.Parse(run));
    }

    [GeneratedRegex(@"rank=(\d+) size=(\d+) host=(\S+) launch=Open MPI allreduce_s=[0-9.]+ ok")]
    private static partial Regex RankLine();

    [GeneratedRegex(@"= (dlp-h1-\d+), host \S+ = (dlp-h2-\d+), subnet")]
    private static partial Regex Setup();

    /// <summary>Runs scripts/mpi-two-hosts.sh with a time limit, removing what a killed run leaves behind.</summary>
    internal static class TwoHosts
    {
        public static string Script => Path.Combine(TestPaths.RepoRoot, "scripts", "mpi-two-hosts.sh");

        /// <summary>Runs <paramref name="command"/> on 2 ranks across the two hosts; fails the test past <see cref="Limit"/>.</summary>
        public static (int ExitCode, string Stdout, string Stderr) Run(params string[] command)
        {
            var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in (string[])[Script, "run", .. command]) start.ArgumentList.Add(arg);
            using var runner = Process.Start(start)!;
            var stdout = runner.StandardOutput.ReadToEndAsync();
            var stderr = runner.StandardError.ReadToEndAsync();
            if (!runner.WaitForExit(Limit))
            {
                runner.Kill(entireProcessTree: true);
                runner.WaitForExit();
                RunQuietly("bash", Script, "down"); // the killed runner's namespaces are now stale
                Assert.Fail($"The two-host run did not finish within {Limit.TotalSeconds} s:\n{stdout.Result}\n{stderr.Result}");
            }
            return (runner.ExitCode, stdout.Result, stderr.Result);
        }

        /// <summary>Runs a short command; true when it exits with 0.</summary>
        public static bool RunQuietly(string file, params string[] args)
        {
            var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in args) start.ArgumentList.Add(arg);
            try
            {
                using var process = Process.Start(start)!;
                process.StandardOutput.ReadToEnd();
                process.StandardError.ReadToEnd();
                if (process.WaitForExit(TimeSpan.FromSeconds(10))) return process.ExitCode == 0;
                process.Kill(entireProcessTree: true);
                return false;
            }
            catch (System.ComponentModel.Win32Exception) { return false; }
        }
    }
}

/// <summary>
/// A fact that needs two network namespaces and mpirun: skipped, saying why, when not root, when <c>ip</c>,
/// <c>unshare</c> or <c>mpirun</c> is missing, or when this machine does not permit creating a namespace.
/// </summary>
public sealed class TwoHostFactAttribute : FactAttribute
{
    public TwoHostFactAttribute() => Skip = Reason.Value;

    private static readonly Lazy<string?> Reason = new(Check);

    private static string? Check()
    {
        if (!OperatingSystem.IsLinux()) return "Network namespaces are Linux only.";
        if (Geteuid() != 0) return "Not root: creating network namespaces needs CAP_NET_ADMIN (run the tests as root, as CI does).";
        if (OnPath("ip") is null) return "'ip' is not on the PATH: apt-get install iproute2.";
        if (OnPath("unshare") is null) return "'unshare' is not on the PATH: apt-get install util-linux.";
        if (Mpirun.Path is null) return "mpirun is not on the PATH: apt-get install openmpi-bin libopenmpi-dev.";
        string probe = $"dlp-probe-{Environment.ProcessId}";
        if (!TwoHostTests.TwoHosts.RunQuietly("ip", "netns", "add", probe)) return "This machine does not permit creating network namespaces ('ip netns add' failed).";
        TwoHostTests.TwoHosts.RunQuietly("ip", "netns", "del", probe);
        return null;
    }

    private static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint Geteuid();
}
