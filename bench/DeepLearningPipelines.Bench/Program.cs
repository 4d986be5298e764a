using DeepLearningPipelines.Bench;

return BenchCatalog.Run(args);
