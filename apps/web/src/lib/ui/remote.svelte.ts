/**
 * Data a panel reads from the API: the last value, the last error and a `load` to call from an $effect and
 * from the retry button. Keeps the previous value while reloading, so lists do not flash empty.
 */
export class Remote<T> {
  value = $state<T | null>(null);
  error = $state<unknown>(null);
  readonly #fetch: () => Promise<T>;

  constructor(fetch: () => Promise<T>) {
    this.#fetch = fetch;
  }

  /** Fetches again; the error of a failed fetch is kept for ErrorMessage and the value is left as it was. */
  load = async (): Promise<void> => {
    this.error = null;
    try {
      this.value = await this.#fetch();
    } catch (err) {
      this.error = err;
    }
  };
}
