// Timer values (ISO 8601 durations, date-times, repeating intervals; cron) and their due dates.
export type { TimeParse } from './time-parse';
export { parseIsoDuration, addIsoDuration, type IsoDuration } from './iso-duration';
export { parseIsoDateTime } from './iso-date-time';
export { parseRepeatingInterval, type RepeatingInterval } from './repeating-interval';
export { parseCronExpression, nextCronTime, type CronExpression } from './cron-expression';
export {
  parseTimerValue,
  firstDueDate,
  nextDueDate,
  timerRepetitions,
  type TimerKind,
  type TimerValue,
} from './timer-value';
