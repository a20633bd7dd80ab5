/** The clock as the server reports it (ProjectSummary.clock), plus the detail the project page may have. */
export interface ClockView {
  dueDate: string | null;
  usedDays: number;
  remainingDays: number;
  overdue: boolean;
  provisional: boolean;
  state?: 'not_started' | 'running' | 'paused' | 'stopped';
  late?: boolean;
  startedOn?: string | null;
  pausedDays?: number;
  limitDays?: number;
  level?: 'ok' | 'warning' | 'alert' | 'overdue';
}
