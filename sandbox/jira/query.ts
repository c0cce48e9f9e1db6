/**
 * Query-string access with Jira's conventions: list parameters may repeat (`projectId=1&projectId=2`)
 * and may be comma-separated (`fields=summary,status`).
 */
export class QueryParams {
  private readonly params: URLSearchParams;

  constructor(search: string) {
    this.params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  }

  has(name: string): boolean {
    return this.params.has(name);
  }

  string(name: string): string | undefined {
    return this.params.get(name) ?? undefined;
  }

  /** Every value of a list parameter, repeated or comma-separated. */
  list(name: string): string[] {
    return this.params
      .getAll(name)
      .flatMap((value) => value.split(','))
      .map((value) => value.trim())
      .filter((value) => value.length > 0);
  }

  /** Every value of a repeated parameter, without splitting on commas. */
  all(name: string): string[] {
    return this.params.getAll(name);
  }

  int(name: string, fallback: number): number {
    const value = this.params.get(name);
    if (value === null || value.trim() === '') return fallback;
    const parsed = Number(value);
    return Number.isFinite(parsed) ? Math.trunc(parsed) : fallback;
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.params.get(name);
    if (value === null) return fallback;
    return value.toLowerCase() === 'true';
  }

  names(): string[] {
    return [...new Set(this.params.keys())];
  }
}
