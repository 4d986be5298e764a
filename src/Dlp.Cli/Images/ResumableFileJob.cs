using Apache.Arrow;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Frames.IO;

namespace DeepLearningPipelines.Cli.Images;

/// <summary>
/// Writes an image command's rows to one output file as a resumable job: each partition's rows go to a part file in
/// a hidden folder beside the file (<c>.NAME.dlp-job</c>), recorded in an <see cref="OutputJournal"/> with the
/// origins it wrote; when every partition is committed the parts are joined in partition order into the file
/// (replaced all-or-nothing) and the folder is removed. Running the same command again after an interruption skips
/// the committed partitions, and the file is the one an uninterrupted run writes. Under MPI every rank writes and
/// commits the partitions it runs; rank 0 opens (or restarts) the job first and joins the parts once all are done.
/// </summary>
internal static class ResumableFileJob
{
    /// <summary>How a rerun discards an unfinished job of different input or settings.</summary>
    public const string RestartHint = "pass --restart";

    /// <summary>
    /// Runs the job. <paramref name="written"/> gets the origins (column 0) of each batch this process writes (with
    /// false), and on the process that commits, first those of each partition an earlier run committed (with true);
    /// calls may come from several threads at once. <paramref name="beforeCommit"/> runs on the committing process once
    /// every partition is committed, before the file is replaced, with the origins of every partition and the first
    /// problem the source met in the partitions this run wrote, on any process (<see cref="ImageDrops.FirstProblem"/>).
    /// </summary>
    public static void Run(string target, DataFrame frame, PartFileFormat format, string fingerprint, bool restart,
        Action<IReadOnlyList<string>, bool> written, Action<IReadOnlySet<string>, string?> beforeCommit)
    {
        var context = frame.Session.Context();
        string? firstProblem = null;
        context.Executor.Commit(fill =>
        {
            var journal = OutputJournal.Open(FolderCommit.WorkingFolder(target), fingerprint, frame.NumPartitions, resume: !restart, RestartHint);
            if (journal.Committed.Count > 0)
                Console.Error.WriteLine($"resuming: {journal.Committed.Count} of {journal.Partitions} parts of {target} were written by an earlier run of this command.");
            foreach (var done in journal.Committed) written(done.Keys, true);
            fill(journal.Folder);
            journal.Refresh(); // the partitions other processes committed
            journal.RequireComplete();
            beforeCommit(journal.Committed.SelectMany(c => c.Keys).ToHashSet(StringComparer.Ordinal), firstProblem);
            format.Join(target, journal.Committed.SelectMany(c => c.Files).Select(f => Path.Combine(journal.Folder, f)));
            AtomicFile.TryDelete(journal.Folder);
        }, folder => firstProblem = WriteParts(OutputJournal.Attach(folder), frame, format, written));
    }

    /// <summary>
    /// Writes and commits each partition this process runs that the journal does not hold yet; returns the first
    /// problem the source met in the partitions written, in partition order, by any process.
    /// </summary>
    private static string? WriteParts(OutputJournal journal, DataFrame frame, PartFileFormat format, Action<IReadOnlyList<string>, bool> written)
    {
        var context = frame.Session.Context();
        return context.Executor.Run(frame.Plan, context, (p, batches) =>
        {
            if (journal.IsCommitted(p)) return null;
            journal.Commit(p, folder =>
            {
                var origins = new List<string>();
                format.WritePart(Path.Combine(folder, $"part-{p:D5}.{format.Extension}"), batches, batch =>
                {
                    var batchOrigins = Origins(batch);
                    origins.AddRange(batchOrigins);
                    written(batchOrigins, false);
                });
                return (origins.Count, origins);
            });
            return ImageDrops.FirstProblem(frame, p);
        }).FirstOrDefault(problem => problem is not null);
    }

    private static List<string> Origins(RowBatch batch)
    {
        var paths = (StringArray)batch.Column(0);
        return Enumerable.Range(0, batch.RowCount).Select(r => paths.GetString(r)).ToList();
    }
}
