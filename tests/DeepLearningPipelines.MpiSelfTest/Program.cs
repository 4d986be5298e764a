using System.Globalization;
using DeepLearningPipelines.MpiSelfTest;

// Usage, under mpirun or alone:
//   DeepLearningPipelines.MpiSelfTest [floats]                 checks the MPI collectives (CollectiveChecks)
//   DeepLearningPipelines.MpiSelfTest frames MASTER WORKDIR    runs DataFrame actions and fits on MASTER, printing a digest per result (FrameChecks)
//   DeepLearningPipelines.MpiSelfTest fail MASTER              runs an action that fails on one partition, printing each rank's error
//   DeepLearningPipelines.MpiSelfTest train MASTER WORKDIR     trains a network and an estimator on MASTER, printing weight digests (TrainingChecks)
//   DeepLearningPipelines.MpiSelfTest runner                   runs a function on 2 ranks with MpiRunner, relaunching itself (RunnerChecks)
//   DeepLearningPipelines.MpiSelfTest sql MASTER LETTERS_CSV   runs a sample of the SQL oracle queries on MASTER, printing a digest per query (SqlChecks)
//   DeepLearningPipelines.MpiSelfTest tuning MASTER            cross-validates on MASTER, printing metrics and each rank's fit count (TuningChecks)
//   DeepLearningPipelines.MpiSelfTest learners MASTER DATADIR BADDIR OUTDIR   fits the learners and evaluators on letter CSVs, writing their numbers (LearnerChecks)
//   DeepLearningPipelines.MpiSelfTest learners time MASTER ROWS DIMS    times a LogisticRegression fit on ROWS × DIMS random features
return args switch
{
    ["frames", var master, var workDir] => FrameChecks.Run(master, workDir),
    ["fail", var master] => FrameChecks.Fail(master),
    ["train", var master, var workDir] => TrainingChecks.Run(master, workDir),
    ["runner"] => RunnerChecks.Run(),
    ["tuning", var master] => TuningChecks.Run(master),
    ["sql", var master, var letters] => SqlChecks.Run(master, letters),
    ["learners", .. var rest] => LearnerChecks.Run(rest),
    _ => CollectiveChecks.Run(args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 25_000_000),
};
