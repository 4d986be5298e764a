using DeepLearningPipelines.Core.Progress;

namespace DeepLearningPipelines.Cli.Ui;

/// <summary>The progress of the command this process runs, set by <see cref="UiOption"/> around a long command's action.</summary>
internal static class RunningJob
{
    private static JobProgress? _current;

    /// <summary>The running command's job; a detached one when the command was not set up with <see cref="UiOption.AddTo"/>.</summary>
    public static JobProgress Current
    {
        get => _current ?? new JobProgress("dlp");
        set => _current = value;
    }
}
