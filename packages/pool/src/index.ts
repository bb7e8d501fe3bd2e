export {
  type ParseManyOptions,
  type ParseOutcome,
  type PoolOptions,
  parseMany,
  runPool,
  type TaskResult,
  taskFailure,
} from './pool.ts';
