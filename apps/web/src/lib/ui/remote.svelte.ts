/**
 * Data a panel reads from the API: the last value, the last error and a `load` to call from an $effect and
 * from the retry button. Keeps the previous value while reloading, so lists do not flash empty.
 */
export class Remote<T> {
  value = $state<T | null>(null);
  error = $state<unknown>(null);
  readonly #fetch: () => Promise<T>;
  #calls = 0;

  constructor(fetch: () => Promise<T>) {
    this.#fetch = fetch;
  }

  /**
   * Fetches again; the error of a failed fetch is kept for ErrorMessage and the value is left as it was.
   * When calls overlap (a burst of live pushes) only the newest one's answer is applied.
   */
  load = async (): Promise<void> => {
    const mine = ++this.#calls;
    this.error = null;
    try {
      const value = await this.#fetch();
      if (mine === this.#calls) this.value = value;
    } catch (err) {
      if (mine === this.#calls) this.error = err;
    }
  };
}
