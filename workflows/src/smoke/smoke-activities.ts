/** Activity contract of the smoke workflow; the worker provides the implementation. */
export interface SmokeActivities {
  recordSmokeRun(note: string): Promise<string>;
}
