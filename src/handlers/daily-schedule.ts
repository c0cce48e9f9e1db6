/** The daily scheduled trigger: time-based recomputation (kill clock, waivers, overdue work). */
export async function onDailySchedule(): Promise<void> {}
