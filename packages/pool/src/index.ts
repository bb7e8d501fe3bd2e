export {
  AnalysisEngine,
  closeEngines,
  configureEngine,
  defaultWorkers,
  type EngineOptions,
  engine,
  type RunOptions,
  TaskTimeout,
  WorkerDied,
} from './engine.ts';
export {
  type ParseManyOptions,
  type ParseOutcome,
  type PoolOptions,
  parseMany,
  runPool,
  runTask,
  type TaskResult,
  taskFailure,
} from './pool.ts';
