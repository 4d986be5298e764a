namespace DeepLearningPipelines.Frames.Execution.Mpi;

/// <summary>A predefined MPI reduction (<c>MPI_SUM</c>, <c>MPI_MAX</c>, <c>MPI_MIN</c>).</summary>
public enum MpiOp
{
    /// <summary>Element-wise sum.</summary>
    Sum,

    /// <summary>Element-wise maximum.</summary>
    Max,

    /// <summary>Element-wise minimum.</summary>
    Min,
}
