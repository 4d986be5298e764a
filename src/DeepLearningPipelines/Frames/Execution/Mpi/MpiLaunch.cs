namespace DeepLearningPipelines.Frames.Execution.Mpi;

/// <summary>How this process was launched as one rank of a parallel job, read from the launcher's environment.</summary>
/// <param name="Launcher">The launcher the variables come from: <c>Open MPI</c>, <c>PMI</c> or <c>Slurm</c>.</param>
/// <param name="Rank">This process's rank.</param>
/// <param name="Size">The number of ranks.</param>
public sealed record MpiLaunch(string Launcher, int Rank, int Size)
{
    /// <summary>
    /// The launch this process is part of, or null when it was started on its own: Open MPI's <c>mpirun</c>
    /// (<c>OMPI_COMM_WORLD_SIZE</c>/<c>_RANK</c>), a PMI launcher such as MPICH's or <c>srun --mpi=pmi2</c>
    /// (<c>PMI_SIZE</c>/<c>PMI_RANK</c>) or Slurm's <c>srun</c> (<c>SLURM_PROCID</c>/<c>SLURM_NTASKS</c>).
    /// </summary>
    public static MpiLaunch? Detect() => Detect(Environment.GetEnvironmentVariable);

    /// <summary>As <see cref="Detect()"/>, reading variables through <paramref name="variable"/>.</summary>
    public static MpiLaunch? Detect(Func<string, string?> variable) =>
        Read(variable, "Open MPI", "OMPI_COMM_WORLD_RANK", "OMPI_COMM_WORLD_SIZE")
        ?? Read(variable, "PMI", "PMI_RANK", "PMI_SIZE")
        ?? Read(variable, "Slurm", "SLURM_PROCID", "SLURM_NTASKS");

    private static MpiLaunch? Read(Func<string, string?> variable, string launcher, string rankName, string sizeName) =>
        int.TryParse(variable(rankName), out var rank) && int.TryParse(variable(sizeName), out var size)
        && size > 0 && rank >= 0 && rank < size
            ? new MpiLaunch(launcher, rank, size)
            : null;
}
