/** The platform rule engine (metrics.md §1–§4, §6, §7): pure functions from event records to day cells. */
export * from './types';
export * from './rule-defaults';
export * from './days';
export * from './sessions';
export * from './windows';
export * from './metrics';
export * from './ratings';
export * from './orders';
export * from './fcr';
export * from './exams';
