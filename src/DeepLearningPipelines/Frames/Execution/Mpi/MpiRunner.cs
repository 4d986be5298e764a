using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.Execution.Mpi;

/// <summary>
/// Databricks' <c>HorovodRunner</c> for .NET programs: <c>new MpiRunner(np).Run(ctx =&gt; …)</c> runs a function on
/// <c>np</c> ranks and returns rank 0's result. Started without <c>mpirun</c>, the program relaunches itself (the
/// same executable and arguments, <c>dotnet app.dll</c> included) as <c>mpirun -np N</c>, waits, and returns rank 0's
/// result (JSON-serialised) or throws when the job failed. Under that relaunch every rank runs the function and
/// then exits, so the code after <see cref="Run{T}"/> runs in the launching process only. The difference from
/// HorovodRunner: MPI programs are SPMD, so each rank runs the program from its start, and code before
/// <see cref="Run{T}"/> runs on every rank too (keep it cheap and free of side effects). Under a user's own
/// <c>mpirun</c> the function runs on the ranks there are and every rank returns its own result and goes on.
/// </summary>
public sealed partial class MpiRunner
{
    /// <summary>The environment variable through which the launching process tells rank 0 where to write its result.</summary>
    public const string ResultVariable = "DLP_MPIRUNNER_RESULT";

    /// <summary>A runner over <paramref name="np"/> ranks (HorovodRunner's <c>np</c>).</summary>
    public MpiRunner(int np)
    {
        if (np < 1) throw new ParamException($"MpiRunner needs at least 1 rank, got np={np}.");
        Np = np;
    }

    /// <summary>The number of ranks to launch.</summary>
    public int Np { get; }

    /// <summary>Further <c>mpirun</c> arguments placed before the program, e.g. <c>["-H", "node1,node2"]</c> or <c>["--mca", "btl", "tcp,self"]</c>.</summary>
    public IReadOnlyList<string> MpirunArguments { get; init; } = [];

    /// <summary>Runs <paramref name="main"/> on <see cref="Np"/> ranks and returns rank 0's result (see the class summary).</summary>
    public T Run<T>(Func<DistributedContext, T> main)
    {
        ArgumentNullException.ThrowIfNull(main);
        return MpiLaunch.Detect() is null ? Launch<T>() : RunHere(main);
    }

    /// <summary>Runs <paramref name="main"/> on <see cref="Np"/> ranks and returns when every rank has finished.</summary>
    public void Run(Action<DistributedContext> main)
    {
        ArgumentNullException.ThrowIfNull(main);
        Run(context =>
        {
            main(context);
            return true;
        });
    }

    /// <summary>The <c>mpirun</c> command line that relaunches this program (without the program's own path and arguments).</summary>
    public IReadOnlyList<string> MpirunCommand() =>
    [
        .. IsRoot() ? new[] { "--allow-run-as-root" } : [],
        .. Np > Environment.ProcessorCount ? new[] { "--oversubscribe" } : [],
        "-np", Np.ToString(System.Globalization.CultureInfo.InvariantCulture), "-x", ResultVariable, .. MpirunArguments,
    ];

    /// <summary>This program's command line: the executable, then (for <c>dotnet app.dll</c>) the entry assembly, then the arguments.</summary>
    public static IReadOnlyList<string> ProgramCommand()
    {
        string host = Environment.ProcessPath ?? throw new DlpException("MpiRunner cannot tell which executable runs this program, so it cannot relaunch it.");
        string[] args = Environment.GetCommandLineArgs();
        return Path.GetFileNameWithoutExtension(host) == "dotnet" ? [host, .. args] : [host, .. args[1..]];
    }

    private T RunHere<T>(Func<DistributedContext, T> main)
    {
        var session = DlpSession.Active;
        var world = MpiWorld.Communicator;
        if (session.RankCount != world.Size)
            throw new DlpException($"The active session runs on {session.RankCount} rank(s) of this {world.Size}-rank job; build it with Master(\"mpi\") (or no master) for MpiRunner.");
        var result = main(new DistributedContext(session, world));
        if (Environment.GetEnvironmentVariable(ResultVariable) is not { Length: > 0 } resultPath) return result;
        if (world.Rank == 0) AtomicFile.WriteAllText(resultPath, JsonSerializer.Serialize(result));
        Console.Out.Flush();
        Environment.Exit(0); // the launching process goes on with the result; the ranks are done
        return result;
    }

    private T Launch<T>()
    {
        string mpirun = FindMpirun() ?? throw new DlpException(
            $"MpiRunner(np={Np}) needs Open MPI's mpirun on the PATH to start the ranks: install it (apt-get install openmpi-bin libopenmpi-dev) or start the program with mpirun yourself.");
        string resultPath = Path.Combine(Path.GetTempPath(), $"dlp-mpirunner-{Guid.NewGuid():N}.json");
        var start = new ProcessStartInfo(mpirun) { UseShellExecute = false };
        foreach (var arg in MpirunCommand().Concat(ProgramCommand())) start.ArgumentList.Add(arg);
        start.Environment[ResultVariable] = resultPath;
        try
        {
            using var process = Process.Start(start) ?? throw new DlpException($"Could not start {mpirun}.");
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new DlpException($"'mpirun {string.Join(' ', start.ArgumentList)}' exited with code {process.ExitCode}; the ranks' errors are printed above.");
            if (!File.Exists(resultPath))
                throw new DlpException($"The {Np} ranks finished but rank 0 wrote no result: the program must call MpiRunner.Run on every rank, as it does here.");
            return JsonSerializer.Deserialize<T>(File.ReadAllText(resultPath))!;
        }
        finally
        {
            File.Delete(resultPath);
        }
    }

    private static string? FindMpirun() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "mpirun")).FirstOrDefault(File.Exists);

    private static bool IsRoot() => OperatingSystem.IsWindows() ? false : GetEffectiveUserId() == 0;

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();
}
