using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.Execution.Mpi;

/// <summary>
/// This process's MPI world, initialised on first use and kept for the life of the process (MPI cannot be initialised
/// twice): finalised at a clean exit, or at a failing exit after a failure every rank learned of together; aborted,
/// ending every rank, at any other failing exit or an unhandled exception, so that no rank is left waiting in a
/// collective for one that is gone.
/// </summary>
internal static class MpiWorld
{
    private static readonly Lazy<MpiCommunicator> World = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The communicator of <c>MPI_COMM_WORLD</c>.</summary>
    public static MpiCommunicator Communicator => World.Value;

    /// <summary>True when the last agreed collective failed on every rank (each rank then exits on its own, in step).</summary>
    public static bool FailedTogether { get; set; }

    /// <summary>Threads per rank when none are asked for: this host's cores shared by the ranks the launcher started on it.</summary>
    public static int DefaultThreads(int ranks)
    {
        int onHost = new[] { "OMPI_COMM_WORLD_LOCAL_SIZE", "MPI_LOCALNRANKS", "SLURM_NTASKS_PER_NODE" }
            .Select(Environment.GetEnvironmentVariable)
            .Select(v => int.TryParse(v, out var n) && n > 0 ? n : 0)
            .FirstOrDefault(n => n > 0, ranks);
        return Math.Max(1, Environment.ProcessorCount / onHost);
    }

    private static MpiCommunicator Start()
    {
        var world = new MpiCommunicator();
        _ = world.Size;
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            Console.Error.WriteLine($"Rank {world.Rank} (host {world.ProcessorName}) failed: {e.ExceptionObject}");
            world.Abort(1);
        };
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (Environment.ExitCode != 0 && !FailedTogether) world.Abort(Environment.ExitCode);
            else world.Dispose();
        };
        return world;
    }
}
