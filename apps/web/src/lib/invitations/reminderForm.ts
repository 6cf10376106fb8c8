/** Reminder offsets are stored in minutes and edited as an amount and a unit. */
export const reminderUnits = ['day', 'hour', 'minute'] as const;
export type ReminderUnit = (typeof reminderUnits)[number];
const perUnit: Record<ReminderUnit, number> = { day: 1440, hour: 60, minute: 1 };

/** 4320 → 3 days, 60 → 1 hour, 90 → 90 minutes: the largest unit that divides the offset. */
export function splitMinutes(minutes: number): { amount: number; unit: ReminderUnit } {
  const unit = reminderUnits.find((u) => minutes % perUnit[u] === 0) ?? 'minute';
  return { amount: minutes / perUnit[unit], unit };
}

/** An amount and a unit back to minutes; NaN or a negative amount becomes 0 (the server then says why). */
export function toMinutes(amount: number, unit: ReminderUnit): number {
  return Number.isFinite(amount) && amount > 0 ? Math.round(amount * perUnit[unit]) : 0;
}
